/* release.c — TODO */
#include "galley/plugin.h"
