/* node.c — TODO */
#include "galley/plugin.h"
