"""pages, revisions, raw pages, crawl runs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 07:26:54.682366
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.types

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('crawl_runs',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('spider', sa.String(length=64), nullable=False),
    sa.Column('arguments', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('started_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finish_reason', sa.Text(), nullable=True),
    sa.Column('stats', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crawl_runs'))
    )
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crawl_runs_started_at'), ['started_at'], unique=False)

    op.create_table('article_revisions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('cleaner_version', sa.String(length=32), nullable=False),
    sa.Column('seen_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_revisions_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_revisions')),
    sa.UniqueConstraint('article_id', 'revision', name=op.f('uq_article_revisions_article_id'))
    )
    with op.batch_alter_table('article_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_revisions_article_id'), ['article_id'], unique=False)

    op.create_table('pages',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('site', sa.String(length=255), nullable=False),
    sa.Column('last_status', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('first_fetched_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_fetched_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('next_fetch_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('consecutive_failures', sa.Integer(), server_default='0', nullable=False),
    sa.Column('article_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_pages_article_id_articles'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pages')),
    sa.UniqueConstraint('url', name=op.f('uq_pages_url'))
    )
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pages_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pages_next_fetch_at'), ['next_fetch_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pages_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_pages_site'), ['site'], unique=False)

    op.create_table('raw_pages',
    sa.Column('article_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('fetched_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('html_gzip', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_raw_pages_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_raw_pages'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        # Filled from first_seen_at below, then made NOT NULL.
        batch_op.add_column(sa.Column('last_changed_at', storage.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('cleaner_version', sa.String(length=32), server_default='', nullable=False))
        batch_op.add_column(sa.Column('fingerprint', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('fp_band0', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('fp_band1', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('fp_band2', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('fp_band3', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('duplicate_of', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        batch_op.create_index(batch_op.f('ix_articles_duplicate_of'), ['duplicate_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_fp_band0'), ['fp_band0'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_fp_band1'), ['fp_band1'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_fp_band2'), ['fp_band2'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_fp_band3'), ['fp_band3'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_articles_duplicate_of_articles'), 'articles', ['duplicate_of'], ['id'], ondelete='SET NULL')

    # Articles stored before this revision: their current text is revision 1.
    op.execute("UPDATE articles SET last_changed_at = first_seen_at")
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.alter_column('last_changed_at', existing_type=storage.types.UTCDateTime(timezone=True), nullable=False)
    op.execute(
        "INSERT INTO article_revisions (article_id, revision, title, text, content_hash, cleaner_version, seen_at) "
        "SELECT id, 1, title, text, content_hash, '', first_seen_at FROM articles"
    )



def downgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_articles_duplicate_of_articles'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_articles_fp_band3'))
        batch_op.drop_index(batch_op.f('ix_articles_fp_band2'))
        batch_op.drop_index(batch_op.f('ix_articles_fp_band1'))
        batch_op.drop_index(batch_op.f('ix_articles_fp_band0'))
        batch_op.drop_index(batch_op.f('ix_articles_duplicate_of'))
        batch_op.drop_column('duplicate_of')
        batch_op.drop_column('fp_band3')
        batch_op.drop_column('fp_band2')
        batch_op.drop_column('fp_band1')
        batch_op.drop_column('fp_band0')
        batch_op.drop_column('fingerprint')
        batch_op.drop_column('cleaner_version')
        batch_op.drop_column('revision')
        batch_op.drop_column('last_changed_at')

    op.drop_table('raw_pages')
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pages_site'))
        batch_op.drop_index(batch_op.f('ix_pages_outcome'))
        batch_op.drop_index(batch_op.f('ix_pages_next_fetch_at'))
        batch_op.drop_index(batch_op.f('ix_pages_article_id'))

    op.drop_table('pages')
    with op.batch_alter_table('article_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_revisions_article_id'))

    op.drop_table('article_revisions')
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crawl_runs_started_at'))

    op.drop_table('crawl_runs')
