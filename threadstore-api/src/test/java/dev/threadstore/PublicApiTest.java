package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps changes to the public API of threadstore-api deliberate. Every public or protected type and member
 * of the packages {@code module-info} exports is listed, one per line, sorted, and compared with the
 * reviewed list in {@code threadstore-api/api/threadstore-api.txt}. A change to the API shows up as a diff
 * of that file in review.
 */
class PublicApiTest {

    static final String UPDATE_PROPERTY = "threadstore.updateApi";
    static final String ACCEPT_COMMAND = "mvn -B -q -o -pl threadstore-api -am verify -Dtest=PublicApiTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";
    private static final String HEADER = """
            # The public API of threadstore-api: every public or protected type and member of the exported
            # packages, as PublicApiTest lists it. Reviewed: a change here is a change of the API contract.
            # Regenerate with:
            #   %s
            """.formatted(ACCEPT_COMMAND);

    @Test
    void publicApiMatchesTheReviewedList() throws IOException, URISyntaxException {
        Path reviewed = reviewedListFile();
        List<String> actual = publicApi();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(reviewed.getParent());
            Files.writeString(reviewed, HEADER + String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
            System.out.println("PublicApiTest: rewrote " + reviewed + " (" + actual.size() + " lines)");
        }
        List<String> expected = Files.exists(reviewed) ? withoutComments(Files.readAllLines(reviewed)) : List.of();

        assertThat(actual)
                .as("""
                        The public API of threadstore-api differs from the reviewed list %s.
                        %s
                        If the change is intended, accept it by rewriting the file and commit it with the change:
                          %s
                        """, reviewed, diff(expected, actual), ACCEPT_COMMAND)
                .isEqualTo(expected);
    }

    @Test
    void listingNamesTypesMembersAndNothingPrivate() throws IOException, URISyntaxException {
        List<String> api = publicApi();

        assertThat(api)
                .anyMatch(line -> line.startsWith("dev.threadstore.ThreadStore type: public abstract interface"))
                .anyMatch(line -> line.startsWith("dev.threadstore.spi.ThreadStoreProvider method: "))
                .noneMatch(line -> line.contains(" private "))
                .isSorted()
                .doesNotHaveDuplicates();
    }

    private static Path reviewedListFile() {
        return Path.of(System.getProperty("basedir", ".")).resolve("api").resolve("threadstore-api.txt");
    }

    private static List<String> withoutComments(List<String> lines) {
        return lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    /** The sorted listing of every public or protected type and member of the exported packages. */
    static List<String> publicApi() throws IOException, URISyntaxException {
        Path classes = Path.of(ThreadStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> lines = new TreeSet<>();
        for (String packageName : exportedPackages(classes)) {
            for (Class<?> type : classesOf(classes, packageName)) {
                if (isApiType(type)) {
                    lines.addAll(describe(type));
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static Set<String> exportedPackages(Path classes) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(export -> !export.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<Class<?>> classesOf(Path classes, String packageName) throws IOException {
        Path directory = classes.resolve(packageName.replace('.', '/'));
        try (Stream<Path> files = Files.list(directory)) {
            List<Class<?>> types = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simpleName = file.getFileName().toString().replaceFirst("\\.class$", "");
                if (!simpleName.equals("package-info")) {
                    types.add(load(packageName + "." + simpleName));
                }
            }
            return types;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class not loadable: " + name, e);
        }
    }

    private static boolean isApiType(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!isVisible(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<String> describe(Class<?> type) {
        String owner = type.getTypeName();
        List<String> lines = new ArrayList<>();
        lines.add(owner + " type: " + typeSignature(type));
        for (Field field : type.getDeclaredFields()) {
            if (isApiMember(field)) {
                lines.add(owner + " field: " + field.toGenericString().replace(owner + ".", ""));
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isApiMember(constructor)) {
                lines.add(owner + " constructor: " + constructor.toGenericString());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (isApiMember(method) && !method.isBridge()) {
                lines.add(owner + " method: " + withoutOwner(method, owner));
            }
        }
        return lines;
    }

    private static boolean isApiMember(Member member) {
        return !member.isSynthetic() && isVisible(member.getModifiers());
    }

    private static String withoutOwner(Executable executable, String owner) {
        return executable.toGenericString().replace(owner + "." + executable.getName() + "(", executable.getName() + "(");
    }

    private static String typeSignature(Class<?> type) {
        StringBuilder signature = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            signature.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            signature.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            signature.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
                    .map(Class::getTypeName).sorted().collect(Collectors.joining(", ")));
        }
        return signature.toString();
    }

    private static String diff(List<String> expected, List<String> actual) {
        Set<String> removed = new TreeSet<>(expected);
        actual.forEach(removed::remove);
        Set<String> added = new TreeSet<>(actual);
        expected.forEach(added::remove);
        StringBuilder diff = new StringBuilder();
        removed.forEach(line -> diff.append("- ").append(line).append('\n'));
        added.forEach(line -> diff.append("+ ").append(line).append('\n'));
        return diff.toString();
    }
}
