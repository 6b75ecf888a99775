package dev.hubs.web;

import dev.hubs.Hub;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;

import java.util.Set;

/**
 * Registers the endpoints of every hub of the web application at start-up. The container hands it the classes
 * annotated with {@link Hub}; for each it maps a {@link HubServlet} to the hub path and to
 * {@code <path>/negotiate}. Registration needs only the paths, so it does not wait for CDI: the servlet finds the
 * hub's run-time when it is initialised.
 *
 * <p>Found through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer} in this jar.
 */
@HandlesTypes(Hub.class)
public class HubsInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (classes == null) {
            return;
        }
        for (Class<?> candidate : classes) {
            Hub hub = candidate.getAnnotation(Hub.class);
            if (hub == null) {
                continue; // @HandlesTypes also reports subclasses of annotated classes
            }
            String path = hub.value();
            ServletRegistration.Dynamic servlet = context.addServlet("hubs:" + path, new HubServlet(path));
            if (servlet == null) {
                continue; // two classes claim one path: the CDI extension fails the deployment and says so
            }
            servlet.addMapping(path, path + "/negotiate");
            servlet.setAsyncSupported(true); // long polls and event streams are held asynchronously
            servlet.setLoadOnStartup(1);
        }
    }
}
