<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI Stylesheets' HTML conversion, for a teiCorpus written by tei-convert.

  Run with Saxon-HE (XSLT 3.0), naming the folder of the TEI Stylesheets:

    java -jar Saxon-HE.jar -s:corpus.xml -xsl:corpus-html.xsl -o:corpus.html \
         stylesheets=/path/to/Stylesheets

  Two changes to the stock conversion, which is imported unchanged:
  - each document of the corpus lists its own notes after its text: the stock
    conversion gathers the notes of the whole file for every document;
  - no table of contents per document, and a link to a note goes to the note on
    this page: the stock conversion points both at pages it writes only when it
    splits its output into several files.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:param name="stylesheets" static="yes" required="yes"/>
  <xsl:import _href="{$stylesheets}/html/html.xsl"/>

  <xsl:param name="autoToc">false</xsl:param>

  <!-- The document being written travels down to the notes as a tunnel
       parameter, through the stock templates, which pass it on unseen. -->
  <xsl:template match="tei:teiCorpus/tei:TEI">
    <xsl:next-match>
      <xsl:with-param name="document" select="." tunnel="yes"/>
    </xsl:next-match>
  </xsl:template>

  <xsl:template match="tei:note" mode="generateLink">
    <xsl:text>#</xsl:text>
    <xsl:call-template name="noteID"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="printallnotes printnotes">
    <xsl:param name="document" tunnel="yes" select="()"/>
    <xsl:if test="empty($document) or ancestor::tei:TEI[1] is $document">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
