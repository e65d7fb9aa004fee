/* text_plugin.c — the text plugin's descriptor and probe: plain text is
 * anything that is not binary, claimed with a low score so that the HTML
 * and JSON readers win for their own content. */
#include <string.h>

#include "text_read.h"

int galley_text_probe(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
	    ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF))
		return 10; /* a UTF-16/32 BOM: text with NULs */
	if (memchr(data, '\0', len))
		return 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	/* Markup or JSON may still be read as text, but only as a last resort. */
	if (i < len && (data[i] == '<' || data[i] == '{' || data[i] == '['))
		return 5;
	return 10;
}

static const galley_reader_desc S_reader = {
	GALLEY_READER_VERSION, "text", "txt,plain", "txt,text",
	"plain text; recognises a press release (title, date, numbered paragraphs, site chrome)",
	galley_text_probe, galley_text_read, NULL, {0}
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_reader(reg, &S_reader);
}

GALLEY_PLUGIN_DEFINE("text", "0.1.0", "MIT", "Plain-text releases", S_init);
