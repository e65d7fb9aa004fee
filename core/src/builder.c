/* builder.c — TODO */
#include "galley/plugin.h"
