/* convert.c — TODO */
#include "galley/plugin.h"
