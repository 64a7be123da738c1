package dev.fifopipeline.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every factory of {@link Errors}: one line on the pattern, its values as typed context. */
@Tag("unit")
class ErrorsTest {
  private static final String URL = "jdbc:postgresql://db:5432/bot?user=bot&password=hunter2";

  static Stream<Method> factories() {
    return Arrays.stream(Errors.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .filter(m -> m.getReturnType() == PipelineException.class)
        .sorted((a, b) -> a.getName().compareTo(b.getName()));
  }

  @Test
  void thereAreFactoriesAndNoPublicGenericBuilder() {
    assertTrue(factories().count() > 40, "factories: " + factories().count());
    assertFalse(
        factories().anyMatch(m -> m.getName().equals("usage") || m.getName().equals("environment")),
        "the generic builders are private");
  }

  @ParameterizedTest
  @MethodSource("factories")
  void eachMessageIsOneLineSayingWhatWhyAndWhatToDoWithItsValuesAsContext(Method factory)
      throws Exception {
    Parameter[] parameters = factory.getParameters();
    Object[] args = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      args[i] = sample(parameters[i], i);
    }
    PipelineException e = (PipelineException) factory.invoke(null, args);
    String message = e.getMessage();

    assertTrue(message.startsWith("Cannot "), message);
    assertTrue(message.indexOf(": ") > "Cannot ".length(), message);
    assertTrue(message.endsWith(")"), "ends with what to do, in parentheses: " + message);
    assertFalse(message.contains("\n"), message);
    assertFalse(message.contains("hunter2"), message);

    List<String> names = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      if (Throwable.class.isAssignableFrom(parameters[i].getType())) {
        assertEquals(args[i], e.getCause(), "the cause");
        continue;
      }
      names.add(parameters[i].getName());
      Object value = e.context().get(parameters[i].getName());
      if (parameters[i].getName().equals("url")) {
        assertEquals(Errors.redact(URL), value);
      } else {
        assertEquals(args[i], value, parameters[i].getName());
      }
    }
    assertEquals(names, List.copyOf(e.context().keySet()), "context keys, in order");
  }

  @Test
  void contextKeepsTheValuesTypes() {
    Map<String, Object> context = Errors.unknownVersion("report", 7, List.of(1, 2)).context();
    assertEquals(Integer.valueOf(7), context.get("version"));
    assertEquals(List.of(1, 2), context.get("known"));
    assertEquals(ExitCode.USAGE, Errors.unknownVersion("report", 7, List.of()).exitCode());
  }

  private static Object sample(Parameter parameter, int index) {
    Class<?> type = parameter.getType();
    if (parameter.getName().equals("url")) {
      return URL;
    } else if (type == String.class || type == Object.class) {
      return "value" + index;
    } else if (type == int.class) {
      return 3 + index;
    } else if (type == long.class) {
      return 30L + index;
    } else if (type == boolean.class) {
      return index % 2 == 0;
    } else if (type == Duration.class) {
      return Duration.ofHours(1 + index);
    } else if (java.util.Collection.class.isAssignableFrom(type)) {
      return List.of("A" + index, "B" + index);
    } else if (Throwable.class.isAssignableFrom(type)) {
      return new IOException("disk full\nsecond line");
    }
    throw new IllegalArgumentException("no sample for " + parameter);
  }
}
