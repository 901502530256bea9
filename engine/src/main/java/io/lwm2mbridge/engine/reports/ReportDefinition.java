package io.lwm2mbridge.engine.reports;

import java.time.Instant;
import java.util.List;

/** A report's definition: its key, name, declared fields and when it was created and last changed. */
public record ReportDefinition(String key, String name, List<ReportField> fields, Instant created, Instant updated) {

    public ReportDefinition {
        fields = List.copyOf(fields);
    }

    /** What a request to define a report gives: its name and declared fields. */
    public record Draft(String name, List<ReportField> fields) {}

    ReportDefinition renamed(String newName, Instant now) {
        return new ReportDefinition(key, newName, fields, created, now);
    }
}
