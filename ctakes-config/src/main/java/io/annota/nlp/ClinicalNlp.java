package io.annota.nlp;

import java.util.List;

/** Clinical concept extraction. Implementations are thread-safe. */
public interface ClinicalNlp {

    /**
     * Finds concept mentions in one note.
     *
     * @param text the note; offsets of the returned mentions index into it
     * @return mentions ordered by begin offset; empty for blank text
     * @throws NlpException if processing fails (the message never contains note text)
     */
    List<ConceptMention> annotate(String text);

    /** Pipeline and dictionary that produce the mentions. */
    PipelineInfo info();
}
