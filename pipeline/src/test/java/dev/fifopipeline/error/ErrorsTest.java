package dev.fifopipeline.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * Errors.java declares its factories in sections headed by the exit code they mean ("// ----
   * environment (exit 3) ----"): each factory exits with its section's code.
   */
  @ParameterizedTest
  @MethodSource("factories")
  void eachFactoryExitsWithTheCodeOfTheSectionItIsDeclaredIn(Method factory) throws Exception {
    Map<String, Integer> sections = sectionCodes();
    assertTrue(sections.containsKey(factory.getName()), factory.getName() + " is in no section");
    Object[] args = new Object[factory.getParameterCount()];
    for (int i = 0; i < args.length; i++) {
      args[i] = sample(factory.getParameters()[i], i);
    }
    PipelineException e = (PipelineException) factory.invoke(null, args);
    assertEquals(sections.get(factory.getName()), e.exitCode().code(), factory.getName());
  }

  /** Each public factory's name and the exit code of the section of Errors.java declaring it. */
  private static Map<String, Integer> sectionCodes() throws IOException {
    Path source =
        Path.of(System.getProperty("fifo.project.root", ".."))
            .resolve("pipeline/src/main/java/dev/fifopipeline/error/Errors.java");
    Pattern section = Pattern.compile("^\\s*// ---- .*\\(exit (\\d+)\\) ----$");
    Pattern factory = Pattern.compile("^\\s*public static PipelineException (\\w+)\\(");
    Map<String, Integer> codes = new HashMap<>();
    Integer code = null;
    for (String line : Files.readAllLines(source)) {
      Matcher header = section.matcher(line);
      Matcher declared = factory.matcher(line);
      if (header.find()) {
        code = Integer.valueOf(header.group(1));
      } else if (declared.find() && code != null) {
        codes.put(declared.group(1), code);
      }
    }
    assertEquals(
        4, new java.util.HashSet<>(codes.values()).size(), "sections for exits 1-3 and 52");
    return codes;
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
    } else if (type == OutOfMemoryError.class) {
      return new OutOfMemoryError("Java heap space");
    } else if (Throwable.class.isAssignableFrom(type)) {
      return new IOException("disk full\nsecond line");
    }
    throw new IllegalArgumentException("no sample for " + parameter);
  }
}
