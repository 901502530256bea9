package io.lwm2mbridge.objects.ddf;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML into a small element tree with positions, refusing DOCTYPE declarations, entity
 * references and anything beyond a byte limit. DDF files are small and flat, so a tree costs little
 * and lets validation look at a whole object at once.
 */
final class SafeXml {

    /** DDF nests four levels; anything much deeper is not a DDF and is refused before it costs much. */
    static final int MAX_DEPTH = 64;

    private SafeXml() {}

    /** One element: local name (namespaces ignored), attributes, text, children and position. */
    static final class Element {
        final String name;
        final Map<String, String> attributes;
        final int line;
        final int column;
        final List<Element> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Element(String name, Map<String, String> attributes, int line, int column) {
            this.name = name;
            this.attributes = attributes;
            this.line = line;
            this.column = column;
        }

        /** All character data directly inside, CDATA included, comments left out. */
        String text() {
            return text.toString();
        }
    }

    /** Either a root element or the problem that stopped reading. */
    record Read(Element root, Problem problem) {}

    static Read read(InputStream in, long maxBytes, String limitText) {
        LimitedInputStream limited = new LimitedInputStream(in, maxBytes);
        DecodingReader chars = null;
        XMLStreamReader reader = null;
        try {
            chars = DecodingReader.open(limited);
            reader = factory().createXMLStreamReader(chars);
            return new Read(buildTree(reader), null);
        } catch (Refused refused) {
            return new Read(null, refused.problem);
        } catch (XMLStreamException | IOException | RuntimeException e) {
            Location at = e instanceof XMLStreamException xe && xe.getLocation() != null ? xe.getLocation()
                    : reader != null ? reader.getLocation() : null;
            if (limited.exceeded) {
                return new Read(null, problem(at, "document is larger than the limit of " + limitText
                        + "; reading stopped here"));
            }
            if (chars != null && chars.badBytes != null) {
                // the reader's own count: the parser only knows where its last buffer started
                return new Read(null, new Problem(chars.line(), chars.column(), "malformed XML: " + chars.badBytes));
            }
            if (e instanceof DecodingReader.UnknownEncoding) {
                return new Read(null, new Problem(1, 1, e.getMessage()));
            }
            return new Read(null, problem(at, "malformed XML: " + cleanMessage(e)));
        } finally {
            close(reader);
        }
    }

    /**
     * The JDK's own StAX implementation, whatever else is on the class path, configured so that no
     * DTD is processed and nothing external is ever fetched; DOCTYPE itself is refused in buildTree.
     * A new factory per document because the JDK factory is not documented as thread-safe.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLReporter((message, type, related, location) -> { });
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        return factory;
    }

    private static Element buildTree(XMLStreamReader reader) throws XMLStreamException {
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new Refused(problem(reader.getLocation(),
                        "DOCTYPE declarations are not allowed in DDF files (they can pull in external or"
                                + " exponentially expanding entities); remove the <!DOCTYPE ...> line"));
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new Refused(problem(reader.getLocation(),
                        "entity reference &" + reader.getLocalName() + "; is not allowed"));
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new Refused(problem(reader.getLocation(),
                                "elements nested deeper than " + MAX_DEPTH + " levels; this is not a DDF file"));
                    }
                    Map<String, String> attributes = new HashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.putIfAbsent(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    Location at = reader.getLocation();
                    Element element = new Element(reader.getLocalName(), Map.copyOf(attributes),
                            Math.max(1, at.getLineNumber()), Math.max(1, at.getColumnNumber()));
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children.add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getTextCharacters(), reader.getTextStart(),
                                reader.getTextLength());
                    }
                }
                default -> {
                    // comments, processing instructions, document start and end carry nothing for a DDF
                }
            }
        }
        if (root == null) {
            throw new Refused(new Problem(1, 1, "malformed XML: no root element"));
        }
        return root;
    }

    static Problem problem(Location at, String message) {
        int line = at == null ? 1 : Math.max(1, at.getLineNumber());
        int column = at == null ? 1 : Math.max(1, at.getColumnNumber());
        return new Problem(line, column, message);
    }

    /** The JDK prefixes "ParseError at [row,col]:[3,3]\nMessage: ", which the Problem already says. */
    private static String cleanMessage(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // the tree is built or the problem known; a failing close changes neither
            }
        }
    }

    /** Stops a document early with a problem of our own (not an XML syntax error). */
    private static final class Refused extends RuntimeException {
        final transient Problem problem;

        Refused(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** Lets through at most {@code max} bytes; one more fails the read and sets {@code exceeded}. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private long count;
        volatile boolean exceeded;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (count >= max) {
                if (super.read() < 0) {
                    return -1;
                }
                exceeded = true;
                throw new IOException("document exceeds " + max + " bytes");
            }
            int n = super.read(buffer, offset, (int) Math.min(length, max - count));
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would bypass the count; read through instead
            long skipped = 0;
            byte[] scratch = new byte[8192];
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
