package dev.hubs.core.dispatch;

import dev.hubs.HubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HubMethodTableTest {

    // ---------------------------------------------------------------- hubs

    public static class BaseHub {
        public String inherited() {
            return "base";
        }

        public String overridden() {
            return "base";
        }
    }

    @SuppressWarnings("unused")
    public static class ChatHub extends BaseHub {
        public int addNumbers(int a, int b) {
            return a + b;
        }

        public void doNothing() {
        }

        public String echo(String s) {
            return s;
        }

        public void fail() {
            throw new HubException("boom");
        }

        public CompletionStage<String> later(String s) {
            return CompletableFuture.completedFuture(s);
        }

        public void generic(List<String> items, Map<String, Integer> counts) {
        }

        @Override
        public String overridden() {
            return "sub";
        }

        public static void staticMethod() {
        }

        protected void protectedMethod() {
        }

        void packageMethod() {
        }

        private void privateMethod() {
        }
    }

    public static class DuplicateHub {
        public void send(String s) {
        }

        public void SEND(int i) {
        }
    }

    public static class OverloadHub {
        public void send(String s) {
        }

        public void send(String s, int i) {
        }
    }

    public static class StreamingHub {
        public Flow.Publisher<Integer> counter(int count, String label) {
            return null;
        }

        public CompletionStage<String> upload(String prefix, Flow.Publisher<java.util.List<String>> lines,
                                              int limit, Flow.Publisher<Double> values) {
            return null;
        }

        public Flow.Publisher<String> echoStream(Flow.Publisher<? extends CharSequence> words) {
            return null;
        }

        public void plain() {
        }
    }

    public static class VoidUploadHub {
        public void upload(Flow.Publisher<String> items) {
        }
    }

    public static class SubmissionPublisherHub {
        public java.util.concurrent.SubmissionPublisher<String> stream() {
            return null;
        }
    }

    public static class GenericStreamHub<T> {
        public Flow.Publisher<T> stream() {
            return null;
        }
    }

    static class PackagePrivateHub {
        public void hello() {
        }
    }

    public static class ObjectOverridesHub {
        public void hello() {
        }

        @Override
        public String toString() {
            return "hub";
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    public abstract static class GenericBaseHub<T> {
        public void save(T item) {
        }
    }

    public static class StringHub extends GenericBaseHub<String> {
        public String last;

        @Override
        public void save(String item) {
            last = item;
        }
    }

    // ---------------------------------------------------------------- lookup

    @Test
    void lookupIgnoresCaseAndKeepsDeclaredName() {
        HubMethodTable table = HubMethodTable.of(ChatHub.class);
        HubMethod method = table.find("addNumbers");
        assertNotNull(method);
        assertSame(method, table.find("ADDNUMBERS"));
        assertSame(method, table.find("addnumbers"));
        assertSame(method, table.find("AddNumbers"));
        assertEquals("addNumbers", method.name());
        assertEquals(ChatHub.class, table.hubClass());
        assertNull(table.find("addNumber"));
        assertNull(table.find(""));
    }

    @Test
    void binderGivesGenericParameterTypes() {
        HubMethodTable table = HubMethodTable.of(ChatHub.class);
        assertEquals(List.of(int.class, int.class), table.parameterTypes("ADDNUMBERS"));
        List<Type> types = table.parameterTypes("generic");
        ParameterizedType list = assertInstanceOf(ParameterizedType.class, types.get(0));
        assertEquals(List.class, list.getRawType());
        assertEquals(String.class, list.getActualTypeArguments()[0]);
        ParameterizedType map = assertInstanceOf(ParameterizedType.class, types.get(1));
        assertEquals(Integer.class, map.getActualTypeArguments()[1]);
        HubException e = assertThrows(HubException.class, () -> table.parameterTypes("nope"));
        assertEquals("Method does not exist.", e.getMessage());
    }

    @Test
    void onlyPublicInstanceMethodsOfTheHubAndItsSuperclasses() {
        HubMethodTable table = HubMethodTable.of(ChatHub.class);
        for (String name : List.of("staticMethod", "protectedMethod", "packageMethod", "privateMethod",
                "toString", "hashCode", "equals", "getClass", "wait", "notify", "notifyAll", "clone", "finalize")) {
            assertNull(table.find(name), name);
        }
        assertNotNull(table.find("inherited"));
        List<String> names = new ArrayList<>();
        table.methods().forEach(m -> names.add(m.name()));
        names.sort(null);
        assertEquals(List.of("addNumbers", "doNothing", "echo", "fail", "generic", "inherited", "later",
                "overridden"), names);
    }

    @Test
    void overridesOfObjectMethodsAreNotHubMethods() {
        // As in ASP.NET Core (a method whose base definition is declared by Object is not a hub method): a hub
        // that overrides toString/equals/hashCode must not let clients call them.
        HubMethodTable table = HubMethodTable.of(ObjectOverridesHub.class);
        assertNotNull(table.find("hello"));
        assertNull(table.find("toString"), "toString is callable by clients");
        assertNull(table.find("equals"), "equals is callable by clients");
        assertNull(table.find("hashCode"), "hashCode is callable by clients");
    }

    @Test
    void subclassOverrideWins() throws Throwable {
        HubMethodTable table = HubMethodTable.of(ChatHub.class);
        HubMethod overridden = table.find("overridden");
        assertEquals(ChatHub.class, overridden.method().getDeclaringClass());
        assertEquals("sub", overridden.invoke(new ChatHub(), new Object[0]));
        assertEquals("base", table.find("inherited").invoke(new ChatHub(), new Object[0]));
    }

    @Test
    void overrideOfAGenericSuperclassMethodIsOneHubMethod() throws Throwable {
        HubMethodTable table = HubMethodTable.of(StringHub.class);
        HubMethod save = table.find("save");
        assertEquals(List.of(String.class), save.parameterTypes());
        StringHub hub = new StringHub();
        save.invoke(hub, new Object[]{"x"});
        assertEquals("x", hub.last);
    }

    // ---------------------------------------------------------------- invoking

    @Test
    void invokerCallsTheMethod() throws Throwable {
        HubMethodTable table = HubMethodTable.of(ChatHub.class);
        ChatHub hub = new ChatHub();
        assertEquals(5, table.find("addNumbers").invoke(hub, new Object[]{2, 3}));
        assertEquals("hi", table.find("echo").invoke(hub, new Object[]{"hi"}));
        assertNull(table.find("echo").invoke(hub, new Object[]{null}));
        assertNull(table.find("doNothing").invoke(hub, new Object[0]), "void returns null");
        assertFalse(table.find("addNumbers").asynchronous());
        HubMethod later = table.find("later");
        assertTrue(later.asynchronous());
        CompletionStage<?> stage = assertInstanceOf(CompletionStage.class, later.invoke(hub, new Object[]{"x"}));
        assertEquals("x", stage.toCompletableFuture().join());
    }

    @Test
    void invokerRethrowsUnwrapped() {
        HubMethodTable table = HubMethodTable.of(ChatHub.class);
        HubException e = assertThrows(HubException.class,
                () -> table.find("fail").invoke(new ChatHub(), new Object[0]));
        assertEquals("boom", e.getMessage());
    }

    // ---------------------------------------------------------------- deployment validation

    @Test
    void namesEqualIgnoringCaseFailNamingBothMethods() {
        HubDefinitionException e = assertThrows(HubDefinitionException.class,
                () -> HubMethodTable.of(DuplicateHub.class));
        assertTrue(e.getMessage().contains("DuplicateHub.send(String)"), e.getMessage());
        assertTrue(e.getMessage().contains("DuplicateHub.SEND(int)"), e.getMessage());
        assertTrue(e.getMessage().contains(DuplicateHub.class.getName()), e.getMessage());
        assertEquals(1, e.problems().size());
    }

    @Test
    void overloadsFailNamingBothMethods() {
        HubDefinitionException e = assertThrows(HubDefinitionException.class,
                () -> HubMethodTable.of(OverloadHub.class));
        assertTrue(e.getMessage().contains("OverloadHub.send(String)"), e.getMessage());
        assertTrue(e.getMessage().contains("OverloadHub.send(String, int)"), e.getMessage());
    }

    @Test
    void publisherReturnMakesAStreamingMethodWithItsItemType() {
        HubMethodTable table = HubMethodTable.of(StreamingHub.class);
        HubMethod counter = table.find("counter");
        assertTrue(counter.streaming());
        assertEquals(Integer.class, counter.streamItemType());
        assertEquals(List.of(int.class, String.class), counter.argumentTypes());
        assertTrue(counter.uploads().isEmpty());
        assertFalse(table.find("plain").streaming());
    }

    @Test
    void publisherParametersAreUploadsLeftOutOfTheArguments() {
        HubMethodTable table = HubMethodTable.of(StreamingHub.class);
        HubMethod upload = table.find("upload");
        assertFalse(upload.streaming());
        assertEquals(List.of(String.class, int.class), table.parameterTypes("upload"),
                "the client sends the plain arguments only; the streams come as streamIds");
        assertEquals(2, upload.uploads().size());
        assertEquals(1, upload.uploads().get(0).position());
        ParameterizedType lines = assertInstanceOf(ParameterizedType.class, upload.uploads().get(0).itemType());
        assertEquals(List.class, lines.getRawType());
        assertEquals(String.class, lines.getActualTypeArguments()[0]);
        assertEquals(3, upload.uploads().get(1).position());
        assertEquals(Double.class, upload.uploads().get(1).itemType());
        HubMethod echo = table.find("echoStream");
        assertTrue(echo.streaming());
        assertEquals(CharSequence.class, echo.uploads().get(0).itemType(), "a wildcard reads as its bound");
    }

    @Test
    void uploadMethodReturningNeitherStageNorPublisherIsRejected() {
        HubDefinitionException e = assertThrows(HubDefinitionException.class,
                () -> HubMethodTable.of(VoidUploadHub.class));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains("VoidUploadHub.upload(Publisher)"), e.getMessage());
        assertTrue(e.problems().get(0).contains("CompletionStage"), e.getMessage());
    }

    @Test
    void publisherSubtypesAndTypeVariablesAreRejected() {
        HubDefinitionException sub = assertThrows(HubDefinitionException.class,
                () -> HubMethodTable.of(SubmissionPublisherHub.class));
        assertTrue(sub.problems().get(0).contains("Flow.Publisher<T>"), sub.getMessage());
        HubDefinitionException variable = assertThrows(HubDefinitionException.class,
                () -> HubMethodTable.of(GenericStreamHub.class));
        assertTrue(variable.problems().get(0).contains("type variable"), variable.getMessage());
    }

    @Test
    void nonPublicHubClassIsRejected() {
        HubDefinitionException e = assertThrows(HubDefinitionException.class,
                () -> HubMethodTable.of(PackagePrivateHub.class));
        assertTrue(e.getMessage().contains("the hub class must be public"), e.getMessage());
    }

    // ---------------------------------------------------------------- CDI plumbing

    /**
     * The CDI and annotation APIs are not on hubs-core's test class path, and the table recognises plumbing by
     * annotation name; so the annotations (same names) and a hub using them are compiled into a private class loader.
     */
    @Test
    void cdiPlumbingMethodsAreNotHubMethods(@TempDir Path dir) throws Throwable {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assumeTrue(compiler != null, "needs a JDK");
        Map<String, String> sources = Map.of(
                "jakarta/inject/Inject.java", annotation("jakarta.inject", "Inject"),
                "jakarta/annotation/PostConstruct.java", annotation("jakarta.annotation", "PostConstruct"),
                "jakarta/annotation/PreDestroy.java", annotation("jakarta.annotation", "PreDestroy"),
                "jakarta/enterprise/inject/Produces.java", annotation("jakarta.enterprise.inject", "Produces"),
                "jakarta/enterprise/inject/Disposes.java", annotation("jakarta.enterprise.inject", "Disposes"),
                "jakarta/enterprise/event/Observes.java", annotation("jakarta.enterprise.event", "Observes"),
                "jakarta/enterprise/event/ObservesAsync.java", annotation("jakarta.enterprise.event", "ObservesAsync"),
                "plumb/PlumbingHub.java", String.join("\n",
                        "package plumb;",
                        "public class PlumbingHub {",
                        "  @jakarta.inject.Inject public void setThing(String thing) {}",
                        "  @jakarta.annotation.PostConstruct public void init() {}",
                        "  @jakarta.annotation.PreDestroy public void destroy() {}",
                        "  @jakarta.enterprise.inject.Produces public String make() { return \"\"; }",
                        "  public void dispose(@jakarta.enterprise.inject.Disposes String s) {}",
                        "  public void onEvent(@jakarta.enterprise.event.Observes String e) {}",
                        "  public void onAsyncEvent(@jakarta.enterprise.event.ObservesAsync String e) {}",
                        "  public String hello(String name) { return \"hi \" + name; }",
                        "}"));
        List<String> arguments = new ArrayList<>(List.of("-d", dir.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(new String[0]));
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()},
                HubMethodTableTest.class.getClassLoader())) {
            Class<?> hubClass = loader.loadClass("plumb.PlumbingHub");
            HubMethodTable table = HubMethodTable.of(hubClass);
            List<String> names = new ArrayList<>();
            table.methods().forEach(m -> names.add(m.name()));
            assertEquals(List.of("hello"), names);
            Object hub = hubClass.getConstructor().newInstance();
            assertEquals("hi you", table.find("HELLO").invoke(hub, new Object[]{"you"}));
        }
    }

    private static String annotation(String pkg, String name) {
        return "package " + pkg + ";\n"
                + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
                + "public @interface " + name + " {}\n";
    }
}
