import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Counts the durably recorded messages of each benchmark step: rows of cpm_message whose
 * imdn_message_id starts with the step's tag. Run by bench/pager.sh in source-file mode after the
 * server has stopped (embedded Derby admits one JVM at a time):
 * {@code java -cp <jdbc jars> JournalCount.java URL USER PASSWORD TAG...}; prints "TAG ROWS DISTINCT".
 */
public class JournalCount {

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        try (Connection c = user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
             PreparedStatement count = c.prepareStatement(
                     "select count(*), count(distinct imdn_message_id) from cpm_message where imdn_message_id like ?")) {
            for (int i = 3; i < args.length; i++) {
                count.setString(1, args[i] + "-%");
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    System.out.println(args[i] + " " + rs.getLong(1) + " " + rs.getLong(2));
                }
            }
        } finally {
            if (url.startsWith("jdbc:derby:")) {
                try {
                    DriverManager.getConnection("jdbc:derby:;shutdown=true");
                } catch (SQLException expected) {
                    // Derby reports a clean shutdown as an exception
                }
            }
        }
    }
}
