package io.gatehouse.server.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MariaDB connection that sends its autocommit switches only when a statement needs them.
 *
 * <p>The pool turns autocommit off when it enlists a connection in a transaction and on again when
 * the transaction ends; the MariaDB driver sends each switch to the server at once. A write call
 * therefore paid two round trips ({@code set autocommit=0}, {@code set autocommit=1}) on top of its
 * statements and its {@code COMMIT}: a quarter of the statements of a CreateUser+DeleteUser pair, and
 * on a small machine each round trip costs both sides a wake-up. Here {@link Connection#setAutoCommit}
 * only records the mode asked for; the next statement (or savepoint, or metadata query) brings the
 * server's mode in line first. A connection that goes from one transaction to the next, as the
 * pool's connections mostly do, sends no switch at all; one that alternates sends the same switches
 * as before, each just later.
 *
 * <p>What the JDBC contract promises still holds:
 * <ul>
 *   <li>{@link Connection#getAutoCommit} answers the mode asked for;
 *   <li>switching autocommit on while a transaction has run statements commits it at once, as the
 *       contract says (the switch is sent then, and MariaDB commits on it);
 *   <li>every statement runs in the mode asked for when it runs, including one prepared before the
 *       switch: statements are wrapped so that their {@code execute*} methods bring the mode in line;
 *   <li>{@link Connection#commit} and {@link Connection#rollback} go straight to the driver, which
 *       sends nothing when no transaction is open.
 * </ul>
 * A connection whose server-side mode is off while its asked-for mode is on holds no transaction: it
 * ran nothing since its last commit or rollback, so an idle pooled connection holds no snapshot and
 * no lock.
 *
 * <p>Only MariaDB connections are wrapped ({@link RoutingDriver}): H2 is in the same process, where a
 * switch costs nothing.
 */
final class LazyAutoCommit implements InvocationHandler {

    private final Connection real;
    private final Connection proxy;
    /** The mode the user of the connection asked for. */
    private boolean wanted;
    /** The mode the server is in. */
    private boolean sent;
    /** Whether a statement ran since the last commit or rollback while the server's autocommit was off. */
    private boolean open;

    private LazyAutoCommit(Connection real) throws SQLException {
        this.real = real;
        this.wanted = real.getAutoCommit();
        this.sent = wanted;
        this.proxy = (Connection) Proxy.newProxyInstance(LazyAutoCommit.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    /** {@code real}, switching autocommit only when a statement needs it. */
    static Connection wrap(Connection real) throws SQLException {
        return new LazyAutoCommit(real).proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "setAutoCommit":
                setAutoCommit((Boolean) args[0]);
                return null;
            case "getAutoCommit":
                real.getAutoCommit(); // the driver's check that the connection is open
                return wanted;
            case "commit":
            case "rollback":
                Object result = call(real, method, args);
                if (args == null) { // not a rollback to a savepoint, which leaves the transaction open
                    open = false;
                }
                return result;
            case "createStatement":
            case "prepareStatement":
            case "prepareCall":
                return statement(method.getReturnType(), call(real, method, args));
            case "setSavepoint":
            case "releaseSavepoint":
            case "getMetaData":
                align();
                return call(real, method, args);
            case "toString":
                return "LazyAutoCommit[" + real + "]";
            default:
                return wrapperOrCall(self, real, method, args);
        }
    }

    private void setAutoCommit(boolean on) throws SQLException {
        wanted = on;
        if (on && !sent && open) {
            align(); // commits the open transaction now, as the contract asks
        }
    }

    /** Brings the server's mode in line with the one asked for. */
    private void align() throws SQLException {
        if (sent != wanted) {
            real.setAutoCommit(wanted);
            sent = wanted;
            open = false; // a switch either way ends any transaction (MariaDB commits on autocommit=1)
        }
    }

    /** Called before a statement runs: the server's mode must be the one asked for. */
    private void beforeExecute() throws SQLException {
        align();
        if (!sent) {
            open = true;
        }
    }

    private Object statement(Class<?> type, Object statement) {
        return Proxy.newProxyInstance(LazyAutoCommit.class.getClassLoader(), new Class<?>[] {type},
                new StatementHandler((Statement) statement));
    }

    /** A statement that brings its connection's mode in line before each execution. */
    private final class StatementHandler implements InvocationHandler {
        private final Statement real;

        StatementHandler(Statement real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("execute")) {
                beforeExecute();
            } else if (name.equals("getConnection")) {
                return proxy;
            }
            return wrapperOrCall(self, real, method, args);
        }
    }

    /**
     * What both wrappers answer alike: the JDBC wrapper methods and identity ({@code self} is the
     * wrapper, so it unwraps to itself and equals only itself); anything else goes to {@code real}.
     */
    private static Object wrapperOrCall(Object self, Object real, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(self) ? self : call(real, method, args);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(self) || (Boolean) call(real, method, args);
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            default:
                return call(real, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
