package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Whatever goes wrong inside the processor becomes one error on the element, never a javac crash. */
class InternalErrorTest {
  /** Runs the real processor with a Filer that fails to create sources. */
  static final class FailingFiler extends AbstractProcessor {
    private final TrackweaveProcessor delegate = new TrackweaveProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      Filer real = env.getFiler();
      Filer failing = (Filer) Proxy.newProxyInstance(Filer.class.getClassLoader(), new Class<?>[] {Filer.class},
          (proxy, method, args) -> {
            if (method.getName().equals("createSourceFile")) {
              throw new IllegalStateException("disk full");
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      ProcessingEnvironment wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(
          ProcessingEnvironment.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
          (proxy, method, args) -> {
            if (method.getName().equals("getFiler")) {
              return failing;
            }
            try {
              return method.invoke(env, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      delegate.init(wrapped);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  @Test
  void anExceptionInsideTheProcessorIsOneErrorOnTheMethod() {
    JavaFileObject svc = DiagnosticsTest.svc(
        "  @TrackEvent(\"thing_done\")",
        "  public void view(@CustomerId String id) {}");
    Compilation c = Compiler.javac().withProcessors(new FailingFiler()).compile(svc);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "internal error in the Trackweave processor while processing Svc.view():"
                + " java.lang.IllegalStateException: disk full")
        .inFile(svc).onLine(9);
    assertThat(c).hadErrorCount(1);
  }
}
