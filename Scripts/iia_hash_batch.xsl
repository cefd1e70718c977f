<?xml version="1.0" encoding="UTF-8"?>
<!--
  Runs the OFFICIAL IIAs v7 hash stylesheet (imported unmodified; Scripts/iia_hash_official.py
  writes the real path of transform_version_7.xsl in place of OFFICIAL-TRANSFORM) once per `iia`
  of a get-response, each time on a document that holds that IIA alone, so that one Saxon run can
  process many IIAs. Needed because the official stylesheet looks for `terminated-as-a-whole`,
  `not-yet-defined` and `v6-value` in the WHOLE document: run directly on a response with several
  IIAs, one terminated IIA would mark all of them.

    (through Scripts/iia_hash_official.py RESPONSE.xml, which fills in the import below)

  Output: <results> with one official <iias><iia>…</iia></iias> per input IIA, in document order.
  Scripts/iia_hash_official.py wraps this and adds the SHA-256 of each text-to-hash.
-->
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="OFFICIAL-TRANSFORM"/>

  <xsl:template match="/" mode="each-iia">
    <results>
      <xsl:for-each select="/*/*[local-name()='iia']">
        <xsl:variable name="iia" select="."/>
        <!-- A new document: a copy of the root element (its namespaces and attributes) holding this iia alone. -->
        <xsl:variable name="alone">
          <xsl:for-each select="/*">
            <xsl:copy>
              <xsl:copy-of select="@*"/>
              <xsl:copy-of select="$iia"/>
            </xsl:copy>
          </xsl:for-each>
        </xsl:variable>
        <!-- The official template rule for "/" (default mode), on that document. -->
        <xsl:apply-templates select="$alone"/>
      </xsl:for-each>
    </results>
  </xsl:template>
</xsl:stylesheet>
