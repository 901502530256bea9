/** Reports: keyed tables that triggers fill row by row ({@code report.publish}) and that the API lists and exports as CSV. */
package io.lwm2mbridge.engine.reports;
