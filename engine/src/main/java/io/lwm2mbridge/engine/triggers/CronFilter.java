package io.lwm2mbridge.engine.triggers;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A trigger's {@code filterCron}: a Quartz cron expression ({@code "0 0/5 * * * ?"}: seconds, minutes,
 * hours, day of month, month, day of week, optional year), evaluated in UTC.
 */
public final class CronFilter {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final String text;
    private final CronExpression expression;

    private CronFilter(String text, CronExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    /** @throws IllegalArgumentException saying what is wrong with the expression */
    public static CronFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a cron-event trigger needs filterCron, a Quartz cron expression"
                    + " such as \"0 0/5 * * * ?\" (every 5 minutes)");
        }
        try {
            CronExpression e = new CronExpression(text.trim());
            e.setTimeZone(UTC);
            return new CronFilter(text.trim(), e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("filterCron '" + text + "' is not a valid Quartz cron expression: "
                    + e.getMessage() + " (fields: seconds minutes hours day-of-month month day-of-week [year],"
                    + " one of the day fields '?', for example \"0 0/5 * * * ?\")");
        } catch (RuntimeException e) {
            // Quartz throws unchecked exceptions for some malformed ranges
            throw new IllegalArgumentException("filterCron '" + text + "' is not a valid Quartz cron expression: "
                    + e.getMessage());
        }
    }

    /** The first fire time strictly after {@code after}, or null when the expression never fires again. */
    public Instant nextAfter(Instant after) {
        Date next = expression.getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    public String text() {
        return text;
    }
}
