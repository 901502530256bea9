package io.lwm2mbridge.objects.ddf;

import io.lwm2mbridge.objects.ObjectDefinition;
import java.util.List;

/**
 * What a DDF document held: its object definitions, or the problems that kept them out. All or
 * nothing: a result with any problem holds no objects.
 */
public record ParseResult(List<ObjectDefinition> objects, List<Problem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
        objects = problems.isEmpty() ? List.copyOf(objects) : List.of();
    }

    static ParseResult failed(List<Problem> problems) {
        return new ParseResult(List.of(), problems);
    }

    /** Whether the document parsed without any problem. */
    public boolean isOk() {
        return problems.isEmpty();
    }
}
