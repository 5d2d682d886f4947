// Package neo4jdev builds and starts the embedded Neo4j launcher in this folder
// (pom.xml + Main.java), for development and tests on machines without Docker.
//
// The launcher is a plain JVM process: Maven copies Neo4j 5.26 Community and its
// dependencies to target/lib, and Start runs `java -cp 'target/lib/*' Main` on a
// loopback port, waiting for the line "NEO4J_READY bolt://…". The JVM reads our end
// of a pipe on stdin and shuts down (with a checkpoint) when it closes, so it never
// outlives the Go process that started it, even after a SIGKILL.
package neo4jdev

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// JVMFlags are the flags Neo4j 5 needs on Java 17 (the --add-opens ones are
// mandatory: without them startup fails with a LinkageError), plus a heap sized
// for a 2-core, 24 GiB machine that also runs the Go tests.
var JVMFlags = []string{
	"-Xms512m", "-Xmx1g", "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
	"--add-opens=java.base/java.nio=ALL-UNNAMED",
	"--add-opens=java.base/java.io=ALL-UNNAMED",
	"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
	"--enable-native-access=ALL-UNNAMED",
	"-Dio.netty.tryReflectionSetAccessible=true",
	"-Djdk.nio.maxCachedBufferSize=1024",
	"-Dlog4j2.disable.jmx=true",
}

// Options configure Start. The zero value is usable: a free port, a throw-away
// store under the launcher's target folder, and output to os.Stderr.
type Options struct {
	// Dir is the launcher folder (the one holding pom.xml). Empty: found by
	// walking up from the working directory to the module root.
	Dir string
	// Port for Bolt on 127.0.0.1; 0 picks a free one.
	Port int
	// Home is the Neo4j home (store, logs). Empty: a fresh temporary folder that
	// Stop deletes.
	Home string
	// Keep the store across starts (otherwise it is wiped at start).
	Keep bool
	// PageCacheMB sizes Neo4j's page cache; 0 means 512.
	PageCacheMB int
	// Log receives Maven and JVM output. Nil means os.Stderr.
	Log io.Writer
	// Password turns authentication on, for the user neo4j with this
	// password; empty leaves it off.
	Password string
	// StartTimeout bounds the wait for READY; 0 means 3 minutes (2 cores, cold JIT).
	StartTimeout time.Duration
	// ReadOnly starts every database read-only (a snapshot replica): writes
	// fail, reads answer from the store as it was loaded.
	ReadOnly bool
}

// Instance is a running launcher.
type Instance struct {
	URI string

	cmd     *exec.Cmd
	stdin   io.WriteCloser
	tmpHome string
	done    chan struct{}
	stopped sync.Once
	waitErr error
}

// Start builds the launcher if needed and starts Neo4j, returning once it
// answers RETURN 1.
func Start(ctx context.Context, opt Options) (*Instance, error) {
	logw := opt.Log
	if logw == nil {
		logw = os.Stderr
	}
	dir, err := launcherDir(opt.Dir)
	if err != nil {
		return nil, err
	}
	if err := Build(ctx, dir, logw); err != nil {
		return nil, err
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, errors.New("neo4jdev: java not found on PATH: install OpenJDK 17 (Debian: apt-get install openjdk-17-jdk-headless), or set NEO4J_URI to a running Neo4j 5.26")
	}
	port := opt.Port
	if port == 0 {
		if port, err = FreePort(); err != nil {
			return nil, err
		}
	}
	inst := &Instance{done: make(chan struct{})}
	home := opt.Home
	if home != "" {
		// The JVM runs in the launcher folder; a relative home means the caller's.
		if home, err = filepath.Abs(home); err != nil {
			return nil, err
		}
	} else {
		if home, err = os.MkdirTemp(filepath.Join(dir, "target"), "neo4j-home-"); err != nil {
			return nil, fmt.Errorf("neo4jdev: %w", err)
		}
		inst.tmpHome = home
	}
	pageCache := opt.PageCacheMB
	if pageCache == 0 {
		pageCache = 512
	}
	args := append([]string{}, JVMFlags...)
	args = append(args, "-cp", filepath.Join(dir, "target", "lib", "*"), "Main",
		"--home", home, "--port", strconv.Itoa(port),
		"--pagecache-mb", strconv.Itoa(pageCache), "--exit-on-stdin-eof")
	if !opt.Keep {
		args = append(args, "--wipe")
	}
	if opt.Password != "" {
		args = append(args, "--password", opt.Password)
	}
	if opt.ReadOnly {
		args = append(args, "--read-only")
	}
	// Not CommandContext: the instance must outlive the start context; Stop ends it.
	cmd := exec.Command(java, args...)
	cmd.Dir = dir
	cmd.Stderr = logw
	inst.cmd = cmd
	if inst.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("neo4jdev: start java: %w", err)
	}
	go func() {
		inst.waitErr = cmd.Wait()
		close(inst.done)
	}()

	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if uri, ok := strings.CutPrefix(line, "NEO4J_READY "); ok {
				ready <- uri
				continue
			}
			fmt.Fprintln(logw, line)
		}
	}()

	timeout := opt.StartTimeout
	if timeout == 0 {
		timeout = 3 * time.Minute
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case inst.URI = <-ready:
		return inst, nil
	case <-inst.done:
		inst.cleanup()
		return nil, fmt.Errorf("neo4jdev: neo4j exited before it was ready: %v (see %s/logs/debug.log)", inst.waitErr, home)
	case <-timer.C:
		inst.Stop()
		return nil, fmt.Errorf("neo4jdev: neo4j not ready after %s", timeout)
	case <-ctx.Done():
		inst.Stop()
		return nil, ctx.Err()
	}
}

// Done is closed when the JVM has exited.
func (i *Instance) Done() <-chan struct{} { return i.done }

// Stop shuts Neo4j down cleanly (closing stdin lets it checkpoint), killing it
// if it has not exited after a minute, and removes a temporary home.
func (i *Instance) Stop() {
	i.stopped.Do(func() {
		_ = i.stdin.Close()
		select {
		case <-i.done:
		case <-time.After(time.Minute):
			_ = i.cmd.Process.Kill()
			<-i.done
		}
		i.cleanup()
	})
}

func (i *Instance) cleanup() {
	if i.tmpHome != "" {
		_ = os.RemoveAll(i.tmpHome)
	}
}

// Admin runs neo4j-admin from the launcher's jars (org.neo4j.cli.AdminTool,
// the entry point of Neo4j's own neo4j-admin script) against the launcher
// home opt.Home, e.g. "database", "import", "full", … or "database", "dump",
// …. Neo4j must not be running on that home: Community's offline commands
// lock the store. Output goes to opt.Log.
func Admin(ctx context.Context, opt Options, args ...string) error {
	logw := opt.Log
	if logw == nil {
		logw = os.Stderr
	}
	if opt.Home == "" {
		return errors.New("neo4jdev: admin needs a launcher home")
	}
	home, err := filepath.Abs(opt.Home)
	if err != nil {
		return err
	}
	dir, err := launcherDir(opt.Dir)
	if err != nil {
		return err
	}
	if err := Build(ctx, dir, logw); err != nil {
		return err
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return errors.New("neo4jdev: java not found on PATH: install OpenJDK 17")
	}
	if err := os.MkdirAll(filepath.Join(home, "conf"), 0o755); err != nil {
		return err
	}
	cmdArgs := append(append([]string{}, JVMFlags...), "-cp", filepath.Join(dir, "target", "lib", "*"), "org.neo4j.cli.AdminTool")
	cmd := exec.CommandContext(ctx, java, append(cmdArgs, args...)...)
	// The same layout as the embedded server's: <home>/data/databases/<name>.
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	cmd.Dir = home
	cmd.Stdout = logw
	cmd.Stderr = logw
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("neo4jdev: neo4j-admin %s: %w", strings.Join(args[:min(3, len(args))], " "), err)
	}
	return nil
}

// SnapshotTimes are how long a Snapshot's two halves took.
type SnapshotTimes struct{ Dump, Load time.Duration }

// Snapshot copies the default database of the launcher home from into the
// launcher home to (replacing what it holds) with neo4j-admin database dump
// and load, through a dump file that is removed afterwards. Neither home
// may be in use: Community dumps only a stopped database.
func Snapshot(ctx context.Context, from, to string, logw io.Writer) (SnapshotTimes, error) {
	var took SnapshotTimes
	if err := os.MkdirAll(to, 0o755); err != nil {
		return took, err
	}
	dumps, err := os.MkdirTemp(to, "dump-")
	if err != nil {
		return took, err
	}
	defer os.RemoveAll(dumps)
	start := time.Now()
	if err := Admin(ctx, Options{Home: from, Log: logw}, "database", "dump", "neo4j",
		"--to-path="+dumps, "--overwrite-destination=true"); err != nil {
		return took, err
	}
	took.Dump = time.Since(start)
	start = time.Now()
	if err := Admin(ctx, Options{Home: to, Log: logw}, "database", "load", "neo4j",
		"--from-path="+dumps, "--overwrite-destination=true"); err != nil {
		return took, err
	}
	took.Load = time.Since(start)
	return took, nil
}

// Build runs Maven in dir unless target/lib is newer than pom.xml and Main.java.
// The first build fills ~/.m2 (about 170 MB); later ones reuse it.
func Build(ctx context.Context, dir string, logw io.Writer) error {
	if upToDate(dir) {
		return nil
	}
	mvn, err := exec.LookPath("mvn")
	if err != nil {
		return errors.New("neo4jdev: mvn not found on PATH: install Maven 3.8+ (Debian: apt-get install maven) and OpenJDK 17, or set NEO4J_URI to a running Neo4j 5.26")
	}
	fmt.Fprintln(logw, "neo4jdev: building the Neo4j launcher with Maven (the first build downloads ~170 MB)…")
	cmd := exec.CommandContext(ctx, mvn, "-B", "-q", "-Dmaven.wagon.http.retryHandler.count=5", "package")
	cmd.Dir = dir
	cmd.Stdout = logw
	cmd.Stderr = logw
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("neo4jdev: maven build in %s failed: %w", dir, err)
	}
	return nil
}

func upToDate(dir string) bool {
	marker, err := os.Stat(filepath.Join(dir, "target", "lib", "neo4j-launcher.jar"))
	if err != nil {
		return false
	}
	for _, src := range []string{"pom.xml", filepath.Join("src", "main", "java", "Main.java")} {
		st, err := os.Stat(filepath.Join(dir, src))
		if err != nil || st.ModTime().After(marker.ModTime()) {
			return false
		}
	}
	return true
}

// FreePort asks the kernel for a free loopback TCP port.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("neo4jdev: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// launcherDir finds dev/neo4j: the given dir, else relative to the module root
// found from the working directory, else relative to this source file (tests).
func launcherDir(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "dev", "neo4j", "pom.xml")); err == nil {
				return filepath.Join(d, "dev", "neo4j"), nil
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		d := filepath.Dir(file)
		if _, err := os.Stat(filepath.Join(d, "pom.xml")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("neo4jdev: cannot find dev/neo4j/pom.xml; run from the whosaid repository")
}
