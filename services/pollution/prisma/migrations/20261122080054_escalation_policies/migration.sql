-- CreateTable
CREATE TABLE "escalation_policy" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL,
    "section_ids" TEXT[],
    "acknowledge_within_minutes" JSONB NOT NULL,
    "joint_mechanism_after_minutes" JSONB NOT NULL,
    "joint_mechanism_id" TEXT,
    "source" TEXT NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_subject" TEXT NOT NULL,
    "recorded_username" TEXT NOT NULL,
    "recorded_province" TEXT NOT NULL,

    CONSTRAINT "escalation_policy_pkey" PRIMARY KEY ("id","version")
);
