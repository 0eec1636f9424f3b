package io.annota.server.review;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The review page (static files under {@code static/review/}) at {@code /review/}. Spring Boot maps a welcome page
 * only at the root, so the folder URL is forwarded to its index here. The page talks to the FHIR API only.
 */
@Configuration
public class ReviewPageConfig implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/review", "/review/");
        registry.addViewController("/review/").setViewName("forward:/review/index.html");
    }
}
