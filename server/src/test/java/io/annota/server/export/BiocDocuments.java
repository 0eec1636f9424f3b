package io.annota.server.export;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses a BioC export, validating it against BioC.dtd (test resource): an invalid document fails the test. */
public final class BiocDocuments {

    private BiocDocuments() {
    }

    public static Document parse(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setValidating(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                InputStream dtd = BiocDocuments.class.getResourceAsStream("/bioc/BioC.dtd");
                return systemId != null && systemId.endsWith("BioC.dtd") ? new InputSource(dtd) : null;
            });
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new AssertionError("not valid BioC: " + e.getMessage(), e);
        }
    }
}
