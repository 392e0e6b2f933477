"""The XMP metadata packet of the PDF: title, author, subject, language, dates, and the PDF/UA-1
claim.

PDF/UA-1 (ISO 14289-1, 5) identifies a conforming file by ``pdfuaid:part`` in its XMP metadata,
and asks for the title in ``dc:title`` (7.1). The packet is plain XML and the same every build.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..model import Metadata

_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
{creator}{description}   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>{creator_tool}</xmp:CreatorTool>
{dates}  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


def xmp_packet(metadata: Metadata, *, producer: str, creator_tool: str) -> bytes:
    """The XMP packet (UTF-8) for a document's metadata."""
    creator = (
        f"   <dc:creator><rdf:Seq><rdf:li>{escape(metadata.partnership)}</rdf:li></rdf:Seq></dc:creator>\n"
        if metadata.partnership
        else ""
    )
    description = (
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(metadata.subject)}'
        "</rdf:li></rdf:Alt></dc:description>\n"
        if metadata.subject
        else ""
    )
    dates = (
        f"   <xmp:CreateDate>{metadata.date}T00:00:00Z</xmp:CreateDate>\n"
        f"   <xmp:ModifyDate>{metadata.date}T00:00:00Z</xmp:ModifyDate>\n"
        if metadata.date
        else ""
    )
    return _PACKET.format(
        dates=dates,
        title=escape(metadata.title),
        creator=creator,
        description=description,
        language=escape(metadata.language),
        producer=escape(producer),
        creator_tool=escape(creator_tool),
    ).encode("utf-8")
