/* xml.c — TODO */
#include "galley/plugin.h"
