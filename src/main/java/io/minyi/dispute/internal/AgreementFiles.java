package io.minyi.dispute.internal;

import io.minyi.platform.SecretBox;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The agreement as a file. The assigned mediator's copy carries the parties' ID numbers (it is the one they print
 * for signing); anyone else who may see the dispute gets the masked numbers. Every download is audited.
 */
@Service
@RequiredArgsConstructor
public class AgreementFiles {

    private final Disputes disputes;
    private final MediatorPool pool;
    private final MediationRecords records;
    private final SecretBox cipher;
    private final AgreementDocuments documents;
    private final AuditTrail audit;
    private final org.springframework.context.MessageSource messages;

    public record File(String name, byte[] content) {
    }

    @Transactional
    public File agreement(long id, Viewer v, boolean pdf, java.util.Locale locale) {
        Disputes.Row d = disputes.findVisible(id, v).orElseThrow(() -> new NotFoundException("dispute"));
        MediationRecords.Agreement a = records.agreement(id).orElseThrow(() -> new NotFoundException("agreement"));
        boolean clear = v.mediatorId() != null && pool.activeMediators(id).contains(v.mediatorId());
        List<Disputes.Party> parties = disputes.parties(id);
        List<String> ids = parties.stream()
                .map(p -> clear ? cipher.decrypt(p.idNumberEnc()) : p.idNumberMasked()).toList();
        var content = documents.content(d, parties, ids, a, locale);
        audit.record(AuditEntry.of("dispute.dispute.download_agreement", "dispute", id)
                .withChange(null, (pdf ? "pdf " : "docx ") + (clear ? "clear" : "masked")));
        String base = messages.getMessage("dispute.agreementDoc.fileName", new Object[]{String.valueOf(id)}, locale);
        return pdf ? new File(base + ".pdf", documents.pdf(content)) : new File(base + ".docx", documents.docx(content));
    }
}
