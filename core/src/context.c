/* context.c — TODO */
#include "galley/plugin.h"
