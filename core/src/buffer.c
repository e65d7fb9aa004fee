/* buffer.c — TODO */
#include "galley/plugin.h"
