package io.wsconnector.processor;

import java.util.List;

/**
 * A valid handler method: what it handles, its name, what to pass for each of its parameters in
 * order, whether its return value is sent back, and whether it declares checked exceptions.
 */
record HandlerMethod(HandlerKind kind,
                     String methodName,
                     List<Argument> arguments,
                     Reply reply,
                     boolean throwsChecked) {
}
