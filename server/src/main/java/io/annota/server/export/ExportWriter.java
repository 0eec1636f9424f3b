package io.annota.server.export;

import java.io.IOException;

/**
 * Writes export records to a stream one at a time, so that an export of any size needs memory for one record
 * only. {@link #finish()} writes what closes the format (an XML end tag, a zip directory); it does not close the
 * underlying stream, which belongs to the caller.
 */
public interface ExportWriter {

    void write(ExportRecord record) throws IOException;

    void finish() throws IOException;
}
