/* repair.c — a page served as two documents: "...</head></html>" and then
 * a second <html> with the page's body (a CMS template that closes its
 * head part early). libxml2 keeps the second one as a sibling of the root,
 * which no pass walks; a browser shows it as the body. */
#include "html_internal.h"

static xmlNodePtr S_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
		if (html_is(c, name))
			return c;
	return NULL;
}

static void S_move_children(xmlNodePtr from, xmlNodePtr to)
{
	xmlNodePtr c = from->children;
	while (c != NULL) {
		xmlNodePtr next = c->next;
		xmlUnlinkNode(c);
		xmlAddChild(to, c);
		c = next;
	}
}

int html_merge_roots(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root == NULL || !html_is(root, "html"))
		return 0;
	xmlNodePtr extra = root->next;
	while (extra != NULL) {
		xmlNodePtr next = extra->next;
		if (extra->type != XML_ELEMENT_NODE) {
			extra = next;
			continue;
		}
		xmlNodePtr body = S_child(root, "body");
		if (body == NULL) {
			body = xmlNewDocNode(doc, NULL, (const xmlChar *)"body", NULL);
			if (body == NULL)
				return GALLEY_ENOMEM;
			xmlAddChild(root, body);
		}
		xmlUnlinkNode(extra);
		if (html_is(extra, "html")) {
			/* its head's elements go to the head, the rest to the body */
			xmlNodePtr head = S_child(root, "head");
			xmlNodePtr c = extra->children;
			while (c != NULL) {
				xmlNodePtr cn = c->next;
				if (html_is(c, "head") && head != NULL) {
					S_move_children(c, head);
				} else if (html_is(c, "body")) {
					S_move_children(c, body);
				} else {
					xmlUnlinkNode(c);
					xmlAddChild(body, c);
					c = cn;
					continue;
				}
				c = cn;
			}
			xmlFreeNode(extra);
		} else {
			xmlAddChild(body, extra);
		}
		extra = next;
	}
	return 0;
}
