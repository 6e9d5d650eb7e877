package io.sequor.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Reads a message's MIME tree defensively: every part that cannot be read is skipped, never thrown
 * up. Multiparts are read from their raw bytes, not through the content handlers, so a broken or
 * unusual part does not hide the rest.
 */
final class MailParts {

  private static final int MAX_DEPTH = 8;
  private static final int MAX_PARTS = 200;
  private static final int MAX_BYTES = 512 * 1024;
  private static final Charset FALLBACK = Charset.forName("windows-1252");

  /**
   * A part that is not a multipart: its MIME type (lower case, no parameters). A {@code
   * message/rfc822} part is a leaf too: the message it holds is ours, quoted, not this one's text.
   */
  record Leaf(String type, Part part, boolean attachment) {}

  private MailParts() {}

  static List<Leaf> leaves(Part root) {
    List<Leaf> leaves = new ArrayList<>();
    walk(root, 0, leaves);
    return leaves;
  }

  private static void walk(Part part, int depth, List<Leaf> leaves) {
    if (depth > MAX_DEPTH || leaves.size() >= MAX_PARTS) {
      return;
    }
    String type = type(part);
    if (type.startsWith("multipart/")) {
      Multipart multipart = multipart(part);
      if (multipart == null) {
        return;
      }
      try {
        if ("multipart/alternative".equals(type)) {
          BodyPart chosen = preferPlain(multipart);
          if (chosen != null) {
            walk(chosen, depth + 1, leaves);
          }
          return;
        }
        for (int i = 0; i < multipart.getCount() && leaves.size() < MAX_PARTS; i++) {
          walk(multipart.getBodyPart(i), depth + 1, leaves);
        }
      } catch (Exception e) {
        // A truncated multipart: keep the parts read so far.
      }
      return;
    }
    leaves.add(new Leaf(type, part, attachment(part)));
  }

  private static BodyPart preferPlain(Multipart alternative) throws Exception {
    BodyPart html = null;
    BodyPart other = null;
    for (int i = 0; i < alternative.getCount(); i++) {
      BodyPart candidate = alternative.getBodyPart(i);
      String type = type(candidate);
      if ("text/plain".equals(type)) {
        return candidate;
      }
      if ("text/html".equals(type) && html == null) {
        html = candidate;
      } else if (other == null) {
        other = candidate;
      }
    }
    return html != null ? html : other;
  }

  private static Multipart multipart(Part part) {
    try {
      return new MimeMultipart(new RawDataSource(part));
    } catch (Exception e) {
      return null;
    }
  }

  static String type(Part part) {
    try {
      String header = part.getContentType();
      if (header == null) {
        return "text/plain";
      }
      try {
        return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
      } catch (Exception e) {
        String base = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return base.isEmpty() ? "text/plain" : base;
      }
    } catch (Exception e) {
      return "application/octet-stream";
    }
  }

  private static boolean attachment(Part part) {
    try {
      return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    } catch (Exception e) {
      return false;
    }
  }

  /** The part's body after its transfer encoding is undone; its raw bytes if that fails. */
  static byte[] bytes(Part part) {
    try (InputStream in = part.getInputStream()) {
      return in.readNBytes(MAX_BYTES);
    } catch (Exception e) {
      try (InputStream raw = rawStream(part)) {
        return raw == null ? new byte[0] : raw.readNBytes(MAX_BYTES);
      } catch (Exception again) {
        return new byte[0];
      }
    }
  }

  static InputStream rawStream(Part part) throws Exception {
    if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
      return body.getRawInputStream();
    }
    if (part instanceof jakarta.mail.internet.MimeMessage message) {
      return message.getRawInputStream();
    }
    return null;
  }

  /** A text part decoded with its declared charset; UTF-8, else Windows-1252, when that fails. */
  static String text(Part part) {
    byte[] bytes = bytes(part);
    Charset declared = charset(part);
    if (declared != null) {
      return new String(bytes, declared);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, FALLBACK);
    }
  }

  private static Charset charset(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      if (name == null) {
        return null;
      }
      String java = MimeUtility.javaCharset(name.strip());
      return Charset.isSupported(java) ? Charset.forName(java) : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Readable text of an HTML body, without blockquotes and the quoted original below a reply. */
  static String htmlText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("head, style, script, blockquote, .gmail_quote, .moz-cite-prefix").remove();
    Element outlookQuote = doc.selectFirst("#divRplyFwdMsg, #appendonsend");
    if (outlookQuote != null) {
      Element cut = outlookQuote;
      while (cut != null && cut != doc.body()) {
        while (cut.nextElementSibling() != null) {
          cut.nextElementSibling().remove();
        }
        cut = cut.parent();
      }
      outlookQuote.remove();
    }
    StringBuilder text = new StringBuilder();
    doc.body()
        .traverse(
            new NodeVisitor() {
              @Override
              public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                  text.append(t.text());
                } else if (node instanceof Element e
                    && (e.isBlock() || e.normalName().equals("br"))) {
                  text.append('\n');
                }
              }

              @Override
              public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                  text.append('\n');
                }
              }
            });
    return text.toString();
  }

  /** Hands a part's raw bytes to a new multipart parser, so no content handler is involved. */
  private static final class RawDataSource implements jakarta.activation.DataSource {
    private final byte[] bytes;
    private final String contentType;

    RawDataSource(Part part) throws Exception {
      try (InputStream raw = rawStream(part)) {
        this.bytes = raw == null ? bytes(part) : raw.readNBytes(MAX_BYTES * 4);
      }
      this.contentType = part.getContentType();
    }

    @Override
    public InputStream getInputStream() {
      return new SharedByteArrayInputStream(bytes);
    }

    @Override
    public java.io.OutputStream getOutputStream() throws IOException {
      throw new IOException("read only");
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public String getName() {
      return "part";
    }
  }

  static InputStream stream(Part part) {
    return new ByteArrayInputStream(bytes(part));
  }
}
