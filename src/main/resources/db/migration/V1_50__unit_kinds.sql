-- 单位类型 from configuration (decision 0024): any department can be a unit — the 24 city departments, labour
-- arbitration, professional mediation committees — not only the political-legal units an enum once listed. `code` is
-- the stable key code relies on (a police station signs for cases, a court confirms mediation agreements, a
-- governance centre gets letters copied); `built_in` kinds carry such behaviour and keep their code. `system` says
-- which numbering of badges the kind's officers share (badge numbers are unique per system).
CREATE TABLE unit_kind (
    code        text    PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    label       text    NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 30),
    system      text    NOT NULL CHECK (system IN ('COMMITTEE', 'POLICE', 'COURT', 'PROCURATORATE', 'JUSTICE',
                                                   'GOVERNMENT', 'MEDIATION')),
    built_in    boolean NOT NULL DEFAULT false,
    active      boolean NOT NULL DEFAULT true,
    sort        integer NOT NULL DEFAULT 100,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO unit_kind (code, label, system, built_in, sort) VALUES
    ('POLITICAL_LEGAL_COMMITTEE', '政法委', 'COMMITTEE', true, 10),
    ('GOVERNANCE_CENTRE', '综治中心', 'COMMITTEE', true, 20),
    ('PUBLIC_SECURITY_BUREAU', '公安局', 'POLICE', true, 30),
    ('POLICE_STATION', '派出所', 'POLICE', true, 40),
    ('COURT', '法院', 'COURT', true, 50),
    ('PEOPLES_TRIBUNAL', '人民法庭', 'COURT', true, 60),
    ('PROCURATORATE', '检察院', 'PROCURATORATE', true, 70),
    ('JUSTICE_BUREAU', '司法局', 'JUSTICE', true, 80),
    ('JUSTICE_OFFICE', '司法所', 'JUSTICE', true, 90),
    -- the seeds' departments outside the political-legal system (中心吹哨、部门报到), editable like any other
    ('GOVERNMENT_DEPARTMENT', '政府工作部门', 'GOVERNMENT', false, 110),
    ('LABOUR_ARBITRATION', '劳动人事争议仲裁院', 'GOVERNMENT', false, 120),
    ('PROFESSIONAL_MEDIATION_COMMITTEE', '专业性调解委员会', 'MEDIATION', false, 130);

ALTER TABLE unit ADD CONSTRAINT unit_type_kind FOREIGN KEY (type) REFERENCES unit_kind (code) ON UPDATE CASCADE;

-- for other modules (decision 0013): the kinds with their labels
CREATE VIEW org_unit_kind AS
    SELECT code, label, system, built_in, active, sort FROM unit_kind;
