-- CreateTable
CREATE TABLE "alert_message" (
    "id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "msg_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "sender_subject" TEXT NOT NULL,
    "sender_username" TEXT NOT NULL,
    "sender_province" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "section_id" TEXT NOT NULL,
    "location" JSONB NOT NULL,
    "pollutant" JSONB NOT NULL,
    "suspected_source" TEXT,
    "headline" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "addressees" TEXT[],
    "provinces" TEXT[],
    "references_id" TEXT,
    "superseded_by" TEXT,
    "escalation_due_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_acknowledgement" (
    "alert_id" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "by_subject" TEXT NOT NULL,
    "by_username" TEXT NOT NULL,
    "by_province" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "alert_acknowledgement_pkey" PRIMARY KEY ("alert_id","province")
);

-- CreateTable
CREATE TABLE "alert_escalation" (
    "alert_id" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_escalation_pkey" PRIMARY KEY ("alert_id","province","step")
);

-- CreateTable
CREATE TABLE "pollution_case" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,
    "party_provinces" TEXT[],
    "reporting_province" TEXT NOT NULL,
    "exercise" BOOLEAN NOT NULL,
    "origin" JSONB NOT NULL,
    "alert_thread_ids" TEXT[],
    "state" TEXT NOT NULL,
    "mediation" JSONB,
    "closure_agreements" JSONB NOT NULL,
    "closure" JSONB,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "pollution_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_exceedance" (
    "case_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "section_id" TEXT NOT NULL,
    "parameter" TEXT NOT NULL,
    "basis" JSONB NOT NULL,
    "value_mg_l" TEXT NOT NULL,
    "observed_class" INTEGER NOT NULL,
    "target_class" INTEGER NOT NULL,
    "target_limit_mg_l" TEXT NOT NULL,
    "exceedance_multiple" TEXT NOT NULL,

    CONSTRAINT "case_exceedance_pkey" PRIMARY KEY ("case_id","position")
);

-- CreateTable
CREATE TABLE "enforcement_action" (
    "case_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "responsible_province" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "recorded_by_subject" TEXT NOT NULL,
    "recorded_by_username" TEXT NOT NULL,
    "recorded_by_province" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "revision" INTEGER NOT NULL,

    CONSTRAINT "enforcement_action_pkey" PRIMARY KEY ("case_id","id")
);

-- CreateTable
CREATE TABLE "case_evidence" (
    "case_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "submitted_by_subject" TEXT NOT NULL,
    "submitted_by_username" TEXT NOT NULL,
    "submitted_province" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "sha256" TEXT,
    "filename" TEXT,
    "media_type" TEXT,
    "size_bytes" BIGINT,
    "readings" JSONB,

    CONSTRAINT "case_evidence_pkey" PRIMARY KEY ("case_id","id")
);

-- CreateTable
CREATE TABLE "case_timeline_entry" (
    "case_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_subject" TEXT NOT NULL,
    "actor_username" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "details" JSONB NOT NULL,

    CONSTRAINT "case_timeline_entry_pkey" PRIMARY KEY ("case_id","seq")
);

-- CreateTable
CREATE TABLE "reading_batch" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "submitted_subject" TEXT NOT NULL,
    "submitted_username" TEXT NOT NULL,
    "submitted_province" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "reading_count" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,

    CONSTRAINT "reading_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "water_reading" (
    "id" BIGSERIAL NOT NULL,
    "section_id" TEXT NOT NULL,
    "parameter" TEXT NOT NULL,
    "value_mg_l" DECIMAL(24,9) NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "batch_id" TEXT NOT NULL,

    CONSTRAINT "water_reading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compensation_agreement" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "section_id" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_to" TEXT,
    "party_provinces" TEXT[],
    "body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "compensation_agreement_pkey" PRIMARY KEY ("id","version")
);

-- CreateTable
CREATE TABLE "compensation_assessment" (
    "id" TEXT NOT NULL,
    "agreement_id" TEXT NOT NULL,
    "agreement_version" INTEGER NOT NULL,
    "period_kind" TEXT NOT NULL,
    "period_label" TEXT NOT NULL,
    "input_digest" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "party_provinces" TEXT[],
    "computed_subject" TEXT NOT NULL,
    "computed_username" TEXT NOT NULL,
    "computed_province" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,
    "superseded_by" TEXT,

    CONSTRAINT "compensation_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_message_thread_id_idx" ON "alert_message"("thread_id");

-- CreateIndex
CREATE INDEX "alert_message_status_sent_at_idx" ON "alert_message"("status", "sent_at");

-- CreateIndex
CREATE INDEX "alert_message_escalation_due_at_idx" ON "alert_message"("escalation_due_at");

-- CreateIndex
CREATE INDEX "alert_message_provinces_idx" ON "alert_message" USING GIN ("provinces");

-- CreateIndex
CREATE INDEX "pollution_case_section_id_state_idx" ON "pollution_case"("section_id", "state");

-- CreateIndex
CREATE INDEX "pollution_case_exercise_opened_at_idx" ON "pollution_case"("exercise", "opened_at");

-- CreateIndex
CREATE INDEX "pollution_case_party_provinces_idx" ON "pollution_case" USING GIN ("party_provinces");

-- CreateIndex
CREATE INDEX "pollution_case_alert_thread_ids_idx" ON "pollution_case" USING GIN ("alert_thread_ids");

-- CreateIndex
CREATE UNIQUE INDEX "case_evidence_case_id_sha256_key" ON "case_evidence"("case_id", "sha256");

-- CreateIndex
CREATE INDEX "water_reading_section_id_sampled_at_idx" ON "water_reading"("section_id", "sampled_at");

-- CreateIndex
CREATE INDEX "water_reading_batch_id_idx" ON "water_reading"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "water_reading_section_id_parameter_sampled_at_key" ON "water_reading"("section_id", "parameter", "sampled_at");

-- CreateIndex
CREATE INDEX "compensation_assessment_agreement_id_period_label_idx" ON "compensation_assessment"("agreement_id", "period_label");

-- CreateIndex
CREATE INDEX "compensation_assessment_party_provinces_idx" ON "compensation_assessment" USING GIN ("party_provinces");

-- CreateIndex
CREATE UNIQUE INDEX "compensation_assessment_agreement_id_agreement_version_peri_key" ON "compensation_assessment"("agreement_id", "agreement_version", "period_label", "input_digest");

-- AddForeignKey
ALTER TABLE "alert_acknowledgement" ADD CONSTRAINT "alert_acknowledgement_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert_message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_escalation" ADD CONSTRAINT "alert_escalation_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert_message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_exceedance" ADD CONSTRAINT "case_exceedance_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "pollution_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enforcement_action" ADD CONSTRAINT "enforcement_action_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "pollution_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "pollution_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_timeline_entry" ADD CONSTRAINT "case_timeline_entry_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "pollution_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "water_reading" ADD CONSTRAINT "water_reading_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "reading_batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
