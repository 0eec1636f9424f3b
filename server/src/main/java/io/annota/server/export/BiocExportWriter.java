package io.annota.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A BioC collection (BioC.dtd): one {@code document} per record, its id the source version and element path, the
 * patient and quasi-identifiers as document infons, one {@code passage} at offset 0 holding the text, and one
 * {@code annotation} per span (infons type, code, negated/..., subject, review-state; one {@code location}).
 * Offsets are in UTF-16 code units, as in the JSONL export and FHIR.
 */
final class BiocExportWriter implements ExportWriter {

    static final String KEY = "annota.key";

    private final XMLStreamWriter xml;

    BiocExportWriter(OutputStream out) throws IOException {
        try {
                        xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeDTD("<!DOCTYPE collection SYSTEM \"BioC.dtd\">");
            xml.writeStartElement("collection");
            element("source", "Annota");
            element("date", LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE));
            element("key", KEY);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        try {
            xml.writeStartElement("document");
            element("id", record.recordId());
            infon("resource-type", record.resourceType());
            infon("version", record.version());
            infon("path", record.path());
            infon("patient", record.patient());
            QuasiIdentifiers qi = record.quasiIdentifiers();
            infon("age-band", qi.ageBand());
            infon("gender", qi.gender());
            infon("zip3", qi.zip3());
            infon("year", qi.year());
            xml.writeStartElement("passage");
            element("offset", "0");
            element("text", record.text());
            for (ExportRecord.ExportAnnotation annotation : record.annotations()) {
                annotation(annotation);
            }
            xml.writeEndElement();
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void annotation(ExportRecord.ExportAnnotation annotation) throws XMLStreamException {
        xml.writeStartElement("annotation");
        xml.writeAttribute("id", annotation.id());
        infon("type", annotation.label());
        infon("version", annotation.version());
        for (ExportRecord.Code code : annotation.codes()) {
            infon("code", BratExportWriter.codeNote(code));
        }
        for (String flag : annotation.assertion().setFlags()) {
            infon(flag, "true");
        }
        infon("subject", annotation.assertion().subject());
        infon("review-state", annotation.reviewState());
        xml.writeEmptyElement("location");
        xml.writeAttribute("offset", String.valueOf(annotation.begin()));
        xml.writeAttribute("length", String.valueOf(annotation.end() - annotation.begin()));
        element("text", annotation.coveredText());
        xml.writeEndElement();
    }

    @Override
    public void finish() throws IOException {
        try {
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void infon(String key, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement("infon");
            xml.writeAttribute("key", key);
            characters(value);
            xml.writeEndElement();
        }
    }

    private void element(String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        characters(value);
        xml.writeEndElement();
    }

    /**
     * Text that parses back to the same characters, so offsets stay right: a parser reads a literal CR (and CR LF)
     * back as LF, so CR goes out as a character reference; characters XML 1.0 cannot carry become a space.
     */
    private void characters(String value) throws XMLStreamException {
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || !allowedInXml(c)) {
                xml.writeCharacters(value.substring(start, i));
                if (c == '\r') {
                    xml.writeEntityRef("#13");
                } else {
                    xml.writeCharacters(" ");
                }
                start = i + 1;
            }
        }
        xml.writeCharacters(value.substring(start));
    }

    private static boolean allowedInXml(char c) {
        return c == '\t' || c == '\n' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || Character.isSurrogate(c);
    }
}
