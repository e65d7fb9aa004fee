/* language.c — TODO */
#include "galley/plugin.h"
