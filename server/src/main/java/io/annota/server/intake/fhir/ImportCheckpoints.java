package io.annota.server.intake.fhir;

/**
 * Durable per-file checkpoints of NDJSON imports: the last line whose batch was committed, so that an import
 * interrupted by a stop or crash continues after it instead of starting over. A file is known by its content
 * ({@link FileIdentity}), so a file moved or copied elsewhere still resumes, and a changed file starts afresh.
 */
public interface ImportCheckpoints {

    /** The last committed line of the file with identity {@code fileKey}, or 0. */
    int committedLine(String fileKey);

    /** Records that every line up to {@code line} of the file is handled (stored or reported). */
    void commit(String fileKey, String fileName, int line);

    /** The file is done: its checkpoint is removed, so the same file dropped again is imported again. */
    void complete(String fileKey);
}
