@echo off
rem Launcher for sqlite2pg on Windows, in a release archive (lib\sqlite2pg.jar, runtime\) or a
rem source checkout (target\sqlite2pg.jar). Java: the archive's runtime\ if there is one, else
rem %JAVA_HOME%\bin\java.exe, else java on PATH; it must be 17 or newer.
setlocal
set "HERE=%~dp0.."
set "JAR=%HERE%\lib\sqlite2pg.jar"
if not exist "%JAR%" set "JAR=%HERE%\target\sqlite2pg.jar"
if not exist "%JAR%" (
  echo sqlite2pg: %JAR% not found; build it first with: mvnw.cmd -q -DskipTests package 1>&2
  exit /b 2
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%HERE%\runtime\bin\java.exe" set "JAVA=%HERE%\runtime\bin\java.exe"
if not defined SQLITE2PG_JAVA_OPTS set "SQLITE2PG_JAVA_OPTS=-XX:+UseSerialGC -Xmx1g -Xmn64m"
"%JAVA%" %SQLITE2PG_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
