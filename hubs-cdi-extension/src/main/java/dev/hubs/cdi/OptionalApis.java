package dev.hubs.cdi;

/**
 * Tells whether an optional API (Bean Validation, MicroProfile Config) is visible to the application. Kept free of
 * any reference to those APIs: a class that mentions them cannot even be verified when they are missing, so the
 * classes that use them are only touched after this says yes.
 */
public final class OptionalApis {

    private OptionalApis() {
    }

    /**
     * Whether a class can be loaded by the application.
     *
     * @param className a class of the optional API
     * @return whether it is present
     */
    public static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalApis.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
