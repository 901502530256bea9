/**
 * Triggers as JSON where they leave the server: the answer of a dry run. The triggers package itself works
 * with {@code TrialResult} and {@code DryRun} records.
 */
package io.lwm2mbridge.engine.triggers.json;
