package io.lwm2mbridge.engine.reports;

/**
 * A declared column of a report: its key, name and type,, the type one of {@link ReportService#FIELD_TYPES}.
 * A declaration only says how to show values: a row may hold values of other types or undeclared fields.
 */
public record ReportField(String key, String name, String type) {}
