/* zip.c — TODO */
#include "galley/plugin.h"
