package dev.hubs.core.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument types used by the protocol tests. */
public final class TestTypes {

    private TestTypes() {
    }

    /** A record argument. */
    public record Point(int x, int y) {
    }

    /** A JavaBean argument. */
    public static class Bean {
        private String name;
        private int count;

        public Bean() {
        }

        public Bean(String name, int count) {
            this.name = name;
            this.count = count;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bean b && b.count == count && Objects.equals(b.name, name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, count);
        }

        @Override
        public String toString() {
            return "Bean[" + name + ", " + count + "]";
        }
    }

    /** The signature whose generic parameter types the golden records are bound to. */
    @SuppressWarnings("unused")
    public static void everything(String s, int i, long l, double d, boolean b, List<String> list,
                                  Map<String, Integer> map, Point point, Bean bean, String nothing) {
    }

    @SuppressWarnings("unused")
    public static void two(String a, int b) {
    }

    /** The generic parameter types of a method of this class. */
    public static List<Type> typesOf(String methodName) {
        Method method = Arrays.stream(TestTypes.class.getMethods())
                .filter(m -> m.getName().equals(methodName)).findFirst().orElseThrow();
        return List.of(method.getGenericParameterTypes());
    }
}
