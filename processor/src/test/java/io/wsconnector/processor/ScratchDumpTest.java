package io.wsconnector.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        JavaFileObject hello = JavaFileObjects.forSourceLines("test.HelloWorld",
                "package test;",
                "",
                "import io.wsconnector.annotations.BasePath;",
                "import io.wsconnector.annotations.OnClose;",
                "import io.wsconnector.annotations.OnOpen;",
                "import io.wsconnector.annotations.OnTextMessage;",
                "import io.wsconnector.annotations.WebSocketUpgradePath;",
                "import io.wsconnector.runtime.WebSocketSession;",
                "",
                "@BasePath(\"/test\")",
                "@WebSocketUpgradePath(\"/websocket\")",
                "public class HelloWorld {",
                "    @OnOpen",
                "    void opened(WebSocketSession session) { }",
                "    @OnTextMessage",
                "    void text(WebSocketSession session, String message) { }",
                "    @OnClose",
                "    void closed(WebSocketSession session, int statusCode, String reason) { }",
                "}");
        Compilation c = Compiler.javac().withProcessors(new WebSocketProcessor()).compile(hello);
        for (Diagnostic<?> d : c.diagnostics()) System.out.println("DIAG " + d);
        for (JavaFileObject f : c.generatedFiles()) {
            System.out.println("=== " + f.toUri());
            if (f.getKind() != JavaFileObject.Kind.CLASS) System.out.println(f.getCharContent(true));
        }
    }
}
