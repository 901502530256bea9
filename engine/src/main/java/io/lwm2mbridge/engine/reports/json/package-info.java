/**
 * Reports as JSON: the stored and shown form of definitions and rows, and the parsing of a request to define
 * one. The reports package itself works with {@code ReportDefinition} and {@code ReportRow} records.
 */
package io.lwm2mbridge.engine.reports.json;
