package io.annota.intake.hl7.mapping;

/** What happens to Z-segments (site-defined segments no map names). */
public enum ZSegments {
    /** Accepted and not mapped (the default). */
    IGNORE,
    /**
     * Kept as an extension ({@value DeclarativeMapper#Z_SEGMENT_EXTENSION} + segment name, the segment's ER7 text
     * as valueString) on the resource made from the nearest mapped segment before it.
     */
    EXTENSION
}
