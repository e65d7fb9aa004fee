/* formatdata.c — TODO */
#include "galley/plugin.h"
