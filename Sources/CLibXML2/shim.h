#ifndef EWP_CLIBXML2_SHIM_H
#define EWP_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; Foundation ships its own ICU module and the two
// UErrorCode definitions clash in one build. We never touch the ICU part of the
// encoding handler, so hide it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/catalog.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlreader.h>

// xmlFree is a global function pointer variable; Swift 6 refuses to read it.
static inline void ewp_xmlFree(void *p) { xmlFree(p); }
#endif
