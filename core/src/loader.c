/* loader.c — TODO */
#include "galley/plugin.h"
