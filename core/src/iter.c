/* iter.c — TODO */
#include "galley/plugin.h"
