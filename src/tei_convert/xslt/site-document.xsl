<?xml version="1.0" encoding="UTF-8"?>
<!--
  One page of the reading edition (tei-convert site): a TEI document written by
  tei-convert as plain, semantic HTML. XSLT 1.0, run by lxml (libxslt) from
  tei_convert/package/site_pages.py, which adds the conversion report and
  serialises the result.

  Parameters:
    tei_href   the TEI file as the site holds it (a relative link)
    source     the source file the manifest names
    source_href  its copy in the site (a relative link), or empty when the
               source was not at hand, unchanged, when the site was written

  Whatever the page shows that is not the TEI's own text (page marks, note
  marks, back links, labels) carries class="added", so that readers and tests
  can tell the two apart. No ids are made with generate-id(): its values are
  not the same from run to run, and a page must be the same bytes each time.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="tei_href"/>
  <xsl:param name="source"/>
  <xsl:param name="source_href"/>

  <xsl:key name="anchors" match="tei:ref[@type='noteAnchor']" use="substring-after(@target, '#')"/>

  <xsl:variable name="header" select="/tei:TEI/tei:teiHeader"/>
  <xsl:variable name="title" select="$header/tei:fileDesc/tei:titleStmt/tei:title[1]"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <link rel="stylesheet" href="site.css"/>
        <!-- No favicon: a browser would otherwise ask the server for one. -->
        <link rel="icon" href="data:,"/>
      </head>
      <body class="document">
        <nav aria-label="Site">
          <a href="index.html">All documents</a>
          <a href="{$tei_href}" type="application/tei+xml">TEI file</a>
        </nav>
        <main>
          <xsl:apply-templates select="tei:TEI"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="tei:TEI">
    <article>
      <xsl:apply-templates select="@xml:lang"/>
      <xsl:if test="not(tei:text/tei:body/tei:div[1]/tei:head)">
        <!-- The text has no heading of its own: the header's title stands for it. -->
        <h1 class="title-from-header">
          <xsl:value-of select="$title"/>
          <xsl:if test="$title/@type = 'supplied'">
            <xsl:text> </xsl:text>
            <span class="added supplied">[title supplied]</span>
          </xsl:if>
        </h1>
      </xsl:if>
      <xsl:apply-templates select="$header" mode="panel"/>
      <div class="tei-text">
        <xsl:apply-templates select="tei:text"/>
      </div>
    </article>
  </xsl:template>

  <!-- The header as a record ============================================ -->

  <xsl:template match="tei:teiHeader" mode="panel">
    <aside class="metadata" aria-labelledby="about">
      <h2 id="about">About this document</h2>
      <dl>
        <xsl:apply-templates select="tei:fileDesc/tei:titleStmt/tei:title" mode="panel"/>
        <xsl:apply-templates select="tei:fileDesc/tei:titleStmt/tei:author" mode="panel"/>
        <xsl:apply-templates select="tei:fileDesc/tei:titleStmt/tei:respStmt" mode="panel"/>
        <xsl:apply-templates select="tei:fileDesc/tei:editionStmt | tei:fileDesc/tei:titleStmt/tei:editor" mode="panel"/>
        <xsl:apply-templates select="tei:profileDesc/tei:creation/tei:date" mode="panel"/>
        <xsl:apply-templates select="tei:profileDesc/tei:settingDesc/tei:setting/tei:date" mode="panel"/>
        <xsl:apply-templates select="tei:profileDesc/tei:correspDesc/tei:correspAction" mode="panel"/>
        <xsl:apply-templates select="tei:fileDesc/tei:sourceDesc//tei:bibl" mode="panel"/>
        <xsl:apply-templates select="tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence" mode="panel"/>
        <xsl:apply-templates select="tei:profileDesc/tei:textClass/tei:keywords" mode="panel"/>
        <xsl:apply-templates select="tei:profileDesc/tei:langUsage" mode="panel"/>
        <xsl:if test="$source != ''">
          <dt>Source file</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$source_href != ''">
                <a href="{$source_href}" type="text/plain"><code><xsl:value-of select="$source"/></code></a>
              </xsl:when>
              <xsl:otherwise><code><xsl:value-of select="$source"/></code></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:if>
        <dt>TEI</dt>
        <dd><a href="{$tei_href}" type="application/tei+xml"><xsl:value-of select="$tei_href"/></a></dd>
      </dl>
    </aside>
  </xsl:template>

  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value" select="."/>
    <dt><xsl:value-of select="$label"/></dt>
    <dd><xsl:value-of select="normalize-space($value)"/></dd>
  </xsl:template>

  <xsl:template match="tei:title" mode="panel">
    <dt>Title</dt>
    <dd>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:if test="@type = 'supplied'"> (supplied: the source has no title)</xsl:if>
    </dd>
  </xsl:template>

  <xsl:template match="tei:author" mode="panel">
    <xsl:call-template name="field"><xsl:with-param name="label">Author</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:respStmt" mode="panel">
    <dt><xsl:value-of select="normalize-space(tei:resp)"/></dt>
    <dd>
      <!-- The source's own wording when the header keeps it, else the names:
           not both, which would say each name twice. -->
      <xsl:for-each select="tei:*[not(self::tei:resp)][not(../tei:note[@type = 'sourceWording'])
                            or self::tei:note[@type = 'sourceWording']]">
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </dd>
  </xsl:template>

  <xsl:template match="tei:editionStmt | tei:editor" mode="panel">
    <xsl:call-template name="field"><xsl:with-param name="label">Edition</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:creation/tei:date" mode="panel">
    <dt>Written</dt>
    <dd><xsl:apply-templates select="."/></dd>
  </xsl:template>

  <xsl:template match="tei:setting/tei:date" mode="panel">
    <dt>Period covered</dt>
    <dd><xsl:apply-templates select="."/></dd>
  </xsl:template>

  <xsl:template match="tei:correspAction" mode="panel">
    <dt>
      <xsl:choose>
        <xsl:when test="@type = 'sent'">Sent</xsl:when>
        <xsl:when test="@type = 'received'">Received</xsl:when>
        <xsl:otherwise><xsl:value-of select="@type"/></xsl:otherwise>
      </xsl:choose>
    </dt>
    <dd>
      <xsl:for-each select="tei:*">
        <xsl:if test="position() > 1">; </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </dd>
  </xsl:template>

  <xsl:template match="tei:bibl" mode="panel">
    <dt>
      <xsl:choose>
        <xsl:when test="@type = 'source'">Source</xsl:when>
        <xsl:when test="@type = 'firstPublication'">First published</xsl:when>
        <xsl:otherwise>Bibliography</xsl:otherwise>
      </xsl:choose>
    </dt>
    <dd><cite><xsl:value-of select="normalize-space(.)"/></cite></dd>
  </xsl:template>

  <!-- A licence's URL is shown, not linked: the site links to nothing outside it. -->
  <xsl:template match="tei:licence" mode="panel">
    <dt>Licence</dt>
    <dd>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:if test="@target">
        <xsl:text> (</xsl:text><code><xsl:value-of select="@target"/></code><xsl:text>)</xsl:text>
      </xsl:if>
    </dd>
  </xsl:template>

  <xsl:template match="tei:keywords" mode="panel">
    <dt>Kind</dt>
    <dd>
      <xsl:for-each select="tei:term">
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </dd>
  </xsl:template>

  <xsl:template match="tei:langUsage" mode="panel">
    <dt>Language</dt>
    <dd>
      <xsl:for-each select="tei:language">
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:value-of select="normalize-space(concat(., ' ', @ident))"/>
      </xsl:for-each>
    </dd>
  </xsl:template>

  <!-- The text ============================================================ -->

  <xsl:template match="@xml:lang">
    <xsl:attribute name="lang"><xsl:value-of select="."/></xsl:attribute>
  </xsl:template>

  <xsl:template match="tei:text">
    <xsl:apply-templates select="tei:front | tei:body | tei:back"/>
    <xsl:if test="not(tei:back/tei:divGen[@type = 'notes']) and .//tei:note[@place = 'end']">
      <xsl:call-template name="endnotes"/>
    </xsl:if>
  </xsl:template>

  <!-- The source's own information block, as it printed it; then what the
       record says that the source does not print there, marked as such. -->
  <xsl:template match="tei:front">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:front/tei:div[@type = 'sourceInfo']">
    <section class="front" aria-label="As the source introduces it">
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:front/tei:div[@type = 'metadata']">
    <section class="front front-metadata" aria-label="Not printed in the source">
      <p class="added front-label">Not printed in the source:</p>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:body">
    <div class="body"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:back">
    <div class="back"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:div">
    <xsl:variable name="element">
      <xsl:choose>
        <xsl:when test="tei:head">section</xsl:when>
        <xsl:otherwise>div</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$element}">
      <xsl:attribute name="class">
        <xsl:value-of select="normalize-space(concat('div ', @type))"/>
      </xsl:attribute>
      <xsl:apply-templates select="@xml:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A heading's level is its division's depth: the text's own title is h1. -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div) + count(ancestor::tei:divGen)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="ancestor::tei:divGen or ancestor::tei:back">2</xsl:when>
        <xsl:when test="$depth &gt; 6">6</xsl:when>
        <xsl:when test="$depth &lt; 1">1</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:apply-templates select="@xml:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:head[@type = 'sub']">
    <p class="subtitle"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- Where the source had an illustration: its caption, or a mark saying
       one stood here. -->
  <xsl:template match="tei:figure">
    <figure class="figure">
      <xsl:if test="not(tei:head)">
        <span class="added figure-mark" role="note">[illustration]</span>
      </xsl:if>
      <xsl:apply-templates/>
    </figure>
  </xsl:template>

  <xsl:template match="tei:figure/tei:head" priority="1">
    <figcaption><xsl:apply-templates/></figcaption>
  </xsl:template>

  <xsl:template match="tei:p">
    <p><xsl:apply-templates select="@xml:lang"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:list">
    <ol class="list"><xsl:apply-templates/></ol>
  </xsl:template>

  <!-- The printed number of an item is shown as the list's marker. -->
  <xsl:template match="tei:item">
    <li>
      <xsl:if test="@n">
        <xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- The parts of a letter ============================================== -->

  <xsl:template match="tei:opener | tei:closer | tei:postscript">
    <div class="{local-name()}"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed">
    <p class="{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:address">
    <p class="address"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:addrLine">
    <span class="addrLine"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:note[@type = 'publication']">
    <p class="publication"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:bibl">
    <cite><xsl:apply-templates/></cite>
  </xsl:template>

  <!-- Phrases and milestones ============================================= -->

  <xsl:template match="tei:date">
    <xsl:choose>
      <xsl:when test="@when">
        <time datetime="{@when}"><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:title | tei:persName | tei:placeName | tei:orgName | tei:name">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Italics the source set: the typeface, with no claim about why. -->
  <xsl:template match="tei:hi[@rend = 'italic']">
    <i><xsl:apply-templates/></i>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br/>
  </xsl:template>

  <!-- A word joined across a line end is shown whole. -->
  <xsl:template match="tei:lb[@break = 'no']"/>

  <xsl:template match="tei:pb">
    <span class="added pb" role="note">
      <xsl:choose>
        <xsl:when test="@n">[p. <xsl:value-of select="@n"/>]</xsl:when>
        <xsl:otherwise>[new page]</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The regularised word, with the original a hover or a focus away. -->
  <xsl:template match="tei:choice[tei:reg and tei:orig]">
    <span class="choice" tabindex="0" title="Original: {normalize-space(tei:orig)}">
      <xsl:apply-templates select="tei:reg/node()"/>
    </span>
  </xsl:template>

  <!-- Notes =============================================================== -->

  <!-- A note stands at its first marker: the page shows the printed mark there,
       linked to the note in the list at the end. -->
  <xsl:template match="tei:note[@place = 'end']">
    <a class="added noteref" id="mark-{@xml:id}" href="#{@xml:id}" role="doc-noteref"
       aria-label="Note {@n}">
      <sup><xsl:value-of select="@n"/></sup>
    </a>
  </xsl:template>

  <!-- A note no marker places is only listed with the others. -->
  <xsl:template match="tei:back//tei:note[@place = 'end'][not(ancestor::tei:p)]" priority="1"/>

  <!-- A later marker is the note's own mark again, with an id to come back to. -->
  <xsl:template match="tei:ref[@type = 'noteAnchor']" priority="1">
    <xsl:variable name="note" select="substring-after(@target, '#')"/>
    <a class="noteref later" href="{@target}" role="doc-noteref"
       id="mark-{$note}-{count(preceding::tei:ref[@target = current()/@target]) + 2}">
      <sup><xsl:apply-templates/></sup>
    </a>
  </xsl:template>

  <xsl:template match="tei:ref[@target]">
    <a href="{@target}"><xsl:apply-templates/></a>
  </xsl:template>

  <xsl:template match="tei:divGen[@type = 'notes']">
    <xsl:call-template name="endnotes"/>
  </xsl:template>

  <xsl:template name="endnotes">
    <section class="endnotes" role="doc-endnotes" aria-labelledby="notes">
      <xsl:choose>
        <xsl:when test="self::tei:divGen/tei:head">
          <h2 id="notes"><xsl:apply-templates select="tei:head/node()"/></h2>
        </xsl:when>
        <xsl:otherwise><h2 id="notes" class="added">Notes</h2></xsl:otherwise>
      </xsl:choose>
      <ol class="notes">
        <xsl:apply-templates select="ancestor-or-self::tei:text[1]//tei:note[@place = 'end']"
                             mode="endnote"/>
      </ol>
    </section>
  </xsl:template>

  <xsl:template match="tei:note" mode="endnote">
    <li id="{@xml:id}" tabindex="-1" role="doc-endnote">
      <span class="added mark"><xsl:value-of select="@n"/></span>
      <div class="note-text"><xsl:apply-templates/></div>
      <xsl:call-template name="backlinks"/>
    </li>
  </xsl:template>

  <xsl:template name="backlinks">
    <xsl:variable name="id" select="@xml:id"/>
    <xsl:variable name="later" select="key('anchors', $id)"/>
    <p class="added backlinks">
      <xsl:choose>
        <xsl:when test="ancestor::tei:back and not(ancestor::tei:p)">
          <xsl:text>No mark in the text points here.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <a href="#mark-{$id}" role="doc-backlink"
             aria-label="Back to the mark of note {@n}">Back to the text</a>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="$later">
        <xsl:text> </xsl:text>
        <a href="#mark-{$id}-{position() + 1}" role="doc-backlink"
           aria-label="Back to mark {position() + 1} of note {@n}">
          <xsl:value-of select="concat('(', position() + 1, ')')"/>
        </a>
      </xsl:for-each>
    </p>
  </xsl:template>
</xsl:stylesheet>
