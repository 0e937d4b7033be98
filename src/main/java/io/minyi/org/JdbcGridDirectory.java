package io.minyi.org;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
class JdbcGridDirectory implements GridDirectory {

    private static final String SELECT = """
            SELECT g.id, g.code, g.name, g.type, g.village_id, j.name AS village_name, j.path, g.households
            FROM grid g JOIN jurisdiction j ON j.id = g.village_id""";

    private static final RowMapper<GridRef> GRID = (rs, i) -> new GridRef(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), GridType.valueOf(rs.getString("type")), rs.getLong("village_id"),
            rs.getString("village_name"), rs.getString("path"), (Integer) rs.getObject("households"));

    private final JdbcClient jdbc;

    @Override
    public Optional<GridRef> grid(long id) {
        return jdbc.sql(SELECT + " WHERE g.id = ? AND g.active").param(id).query(GRID).optional();
    }

    @Override
    public List<GridRef> gridsOf(long staffId) {
        return jdbc.sql(SELECT + " JOIN grid_worker gw ON gw.grid_id = g.id WHERE gw.staff_id = ? AND g.active ORDER BY g.code")
                .param(staffId).query(GRID).list();
    }

    @Override
    public List<GridRef> gridsWithin(String jurisdictionPath) {
        return jdbc.sql(SELECT + " WHERE j.path LIKE ? AND g.active ORDER BY g.code").param(jurisdictionPath + "%")
                .query(GRID).list();
    }

    @Override
    public List<GridMember> membersWithin(String jurisdictionPath) {
        return jdbc.sql("""
                        SELECT gw.grid_id, s.id, s.username, s.display_name, s.active
                        FROM grid_worker gw JOIN grid g ON g.id = gw.grid_id JOIN jurisdiction j ON j.id = g.village_id
                        JOIN staff_account s ON s.id = gw.staff_id
                        WHERE g.active AND j.path LIKE ? ORDER BY g.code, s.id""")
                .param(jurisdictionPath + "%")
                .query((rs, i) -> new GridMember(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5))).list();
    }
}
