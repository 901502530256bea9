package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ddf.DdfParser;
import io.lwm2mbridge.objects.ddf.DdfWriter;
import io.lwm2mbridge.objects.ddf.ParseResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML text kept for each object of an uploaded document, so {@code ?format=xml} gives back what was
 * sent: a UTF-8 document holding one object is kept byte for byte; a document holding several objects
 * (or in another encoding) is split, each {@code <Object>} copied with its comments and layout into a
 * UTF-8 {@code <LWM2M>} document of its own. Only called on documents {@link DdfParser} accepted, so
 * they hold no DOCTYPE; the DOM parser refuses one anyway.
 */
final class DdfTexts {

    private static final Pattern DECLARED_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private DdfTexts() {}

    /**
     * One text per definition, in the order of {@code definitions} (document order, as the parser gives
     * them). A text that would not parse back to its definition is replaced by {@link DdfWriter}'s.
     */
    static List<String> perObject(byte[] document, List<ObjectDefinition> definitions, DdfParser parser) {
        if (definitions.size() == 1) {
            String verbatim = utf8Text(document);
            if (verbatim != null) {
                return List.of(verbatim);
            }
        }
        List<String> split = split(document);
        List<String> out = new ArrayList<>(definitions.size());
        for (int i = 0; i < definitions.size(); i++) {
            ObjectDefinition definition = definitions.get(i);
            String text = split != null && split.size() == definitions.size() ? split.get(i) : null;
            out.add(text != null && parsesTo(text, definition, parser) ? text : DdfWriter.toXml(definition));
        }
        return out;
    }

    /** The document as text when it is UTF-8 (or declares no other encoding) and decodes cleanly; else null. */
    static String utf8Text(byte[] document) {
        int start = 0;
        if (document.length >= 3 && (document[0] & 0xff) == 0xEF && (document[1] & 0xff) == 0xBB
                && (document[2] & 0xff) == 0xBF) {
            start = 3;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document, start, document.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        Matcher declared = DECLARED_ENCODING.matcher(text.substring(0, Math.min(text.length(), 1024)));
        if (declared.find()) {
            String encoding = declared.group(1).strip().toUpperCase(Locale.ROOT);
            if (!encoding.equals("UTF-8") && !encoding.equals("UTF8") && !encoding.equals("US-ASCII")
                    && !encoding.equals("ASCII")) {
                return null;
            }
        }
        return text;
    }

    private static boolean parsesTo(String text, ObjectDefinition definition, DdfParser parser) {
        ParseResult again = parser.parse(text.getBytes(StandardCharsets.UTF_8), "split " + definition.id());
        return again.isOk() && again.objects().size() == 1 && again.objects().getFirst().equals(definition);
    }

    /** Each {@code <Object>} of the document as its own document, or null when the document cannot be split. */
    private static List<String> split(byte[] document) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setXIncludeAware(false);
            dbf.setExpandEntityReferences(false);
            dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = dbf.newDocumentBuilder();
            // the default handler prints to System.err; the document was already accepted, so stay quiet
            builder.setErrorHandler(new DefaultHandler());
            Document source = builder.parse(new InputSource(new ByteArrayInputStream(document)));
            Element root = source.getDocumentElement();
            List<Element> objects = new ArrayList<>();
            if ("Object".equals(root.getLocalName())) {
                objects.add(root);
            } else {
                for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && "Object".equals(e.getLocalName())) {
                        objects.add(e);
                    }
                }
            }
            List<String> out = new ArrayList<>();
            for (Element object : objects) {
                Document single = builder.newDocument();
                if (object == root) {
                    single.appendChild(single.importNode(object, true));
                } else {
                    // a shallow copy of <LWM2M> keeps its attributes (the schema location, namespaces)
                    Node wrapper = single.importNode(root, false);
                    single.appendChild(wrapper);
                    wrapper.appendChild(single.createTextNode("\n  "));
                    wrapper.appendChild(single.importNode(object, true));
                    wrapper.appendChild(single.createTextNode("\n"));
                }
                out.add(serialize(single));
            }
            return out;
        } catch (Exception e) {
            // the parser's own checks passed, so this is unexpected; the writer's text is used instead
            return null;
        }
    }

    private static String serialize(Document document) throws Exception {
        TransformerFactory tf = TransformerFactory.newDefaultInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.INDENT, "no");
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        t.transform(new DOMSource(document), new StreamResult(out));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out + "\n";
    }
}
